using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Mail;

public sealed record JobRunRow(string Job, DateTime StartedAt, DateTime FinishedAt, bool Succeeded, bool Manual, IReadOnlyList<int> Figures, string? Problem);

/// <summary>The runs of the background jobs: written as each run ends, read by the Admin's job list.</summary>
public sealed class JobRunLog(IDbContextFactory<SecOpsDxDbContext> factory)
{
    /// <summary>How many runs of each job are kept (about two days of send-mail at its default schedule).</summary>
    public const int Kept = 600;

    public async Task RecordAsync(JobRun run, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(ct);
        var oldestKept = await db.JobRuns.Where(r => r.Job == run.Job).OrderByDescending(r => r.Id).Skip(Kept).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (oldestKept is { } cut) await db.JobRuns.Where(r => r.Job == run.Job && r.Id <= cut).ExecuteDeleteAsync(ct);
    }

    /// <summary>The latest run of each job that has run.</summary>
    public async Task<IReadOnlyDictionary<string, JobRunRow>> LatestAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var latestIds = db.JobRuns.GroupBy(r => r.Job).Select(g => g.Max(r => r.Id));
        var rows = await db.JobRuns.AsNoTracking().Where(r => latestIds.Contains(r.Id)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Job, r => new JobRunRow(r.Job, r.StartedAt, r.FinishedAt, r.Succeeded, r.Manual,
            (r.Figures ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => int.TryParse(f, out var n) ? n : 0).ToList(), r.Problem));
    }

    /// <summary>The id of the latest run of a job (0 when it never ran), to wait for the next one.</summary>
    public async Task<long> LatestIdAsync(string job, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.JobRuns.Where(r => r.Job == job).MaxAsync(r => (long?)r.Id, ct) ?? 0;
    }
}
