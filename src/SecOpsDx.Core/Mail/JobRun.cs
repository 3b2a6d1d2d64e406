using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Mail;

/// <summary>
/// One run of a background job (reminders, send-mail, sync-directory), for the Admin's job list: when it ran, how it
/// ended, and its figures (kept as numbers, worded by the page in the reader's language).
/// </summary>
public class JobRun
{
    public long Id { get; set; }

    /// <summary>The job's name: reminders, send-mail or sync-directory.</summary>
    public required string Job { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public bool Succeeded { get; set; }

    /// <summary>True when a person started it (run now), false when its schedule did.</summary>
    public bool Manual { get; set; }

    /// <summary>The job's figures, comma-separated, in the order its words on the page expect.</summary>
    public string? Figures { get; set; }

    /// <summary>What went wrong: the exception's message, or the server's answer.</summary>
    public string? Problem { get; set; }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.HasIndex(r => new { r.Job, r.Id });
        b.Property(r => r.Job).HasMaxLength(64);
        b.Property(r => r.Figures).HasMaxLength(200);
        b.Property(r => r.Problem).HasMaxLength(1000);
    }
}
