using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Separation;

/// <summary>Reads of the yearly self-checks: the list with their figures, one with its lines, and the latest closed one for the dashboard.</summary>
public sealed class SelfCheckQueries(IDbContextFactory<SecOpsDxDbContext> factory, ControlCatalogue catalogue, ICurrentActor actor)
{
    public async Task<IReadOnlyList<SelfCheckRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var checks = await db.SelfChecks.AsNoTracking().ToListAsync(ct);
        var answers = (await db.SelfCheckAnswers.AsNoTracking().ToListAsync(ct)).ToLookup(a => a.SelfCheckId);
        var findings = (await db.SelfCheckFindings.AsNoTracking().Where(f => f.WithdrawnAt == null).ToListAsync(ct)).ToLookup(f => f.SelfCheckId);
        return checks.OrderByDescending(c => c.FiscalYear).Select(c => Row(c, answers[c.Id], findings[c.Id])).ToList();
    }

    /// <summary>The most recent closed self-check with its figures and summary, or null when none is closed yet.</summary>
    public async Task<SelfCheckRow?> LatestClosedAsync(CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(c => !c.IsOpen);

    /// <param name="findings">The findings of the self-check; withdrawn ones are not counted.</param>
    private SelfCheckRow Row(SelfCheck c, IEnumerable<SelfCheckAnswer> answers, IEnumerable<SelfCheckFinding> findings)
    {
        var standing = findings.Where(f => f.WithdrawnAt is null).ToList();
        var applicable = catalogue.Controls.Where(x => x.AppliesTo(c.Model)).Select(x => x.Id).ToHashSet();
        var counted = answers.Where(a => applicable.Contains(a.ControlId)).Select(a => a.Answer);
        return new SelfCheckRow(c.Id, c.FiscalYear, c.Model, c.OpenedAt, c.OpenedBy, c.ClosedAt, c.ClosedBy, c.Summary,
            SelfCheckRollUp.From(applicable.Count, counted, standing.Count, standing.Count(f => f.IsOpen)), c.Version);
    }

    /// <summary>A self-check with a line per control it covers; a manager gets the lines of the controls they own.</summary>
    public async Task<SelfCheckDetail?> DetailAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var who = await ControlWrites.ResolveAsync(db, await actor.GetActorAsync(), ct);
        var check = await db.SelfChecks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (check is null) return null;
        var answers = await db.SelfCheckAnswers.AsNoTracking().Where(a => a.SelfCheckId == id).ToListAsync(ct);
        var findings = await db.SelfCheckFindings.AsNoTracking().Where(f => f.SelfCheckId == id).ToListAsync(ct);
        var states = await db.ControlStates.AsNoTracking().Where(s => s.SystemId == null).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var lines = new List<SelfCheckLine>();
        foreach (var c in catalogue.Controls.Where(c => c.AppliesTo(check.Model)))
        {
            var state = states.FirstOrDefault(s => s.ControlId == c.Id);
            var mine = (who with { Manages = false }).Owns(state);
            if (!who.Manages && !mine) continue;
            var a = answers.FirstOrDefault(x => x.ControlId == c.Id);
            var f = findings.FirstOrDefault(x => x.ControlId == c.Id);
            string? Dept(int? d) => d is { } k ? departments.GetValueOrDefault(k) : null;
            lines.Add(new SelfCheckLine(c, Dept(state?.OwnerDepartmentId) ?? state?.OwnerName, a?.Answer, a?.Note, a?.AnsweredBy,
                f is null ? null : FindingRow(f, Dept(f.OwnerDepartmentId), who), mine || who.Manages));
        }
        return new SelfCheckDetail(Row(check, answers, findings), lines, who.Manages, who.IsCiso);
    }

    private static SelfCheckFindingRow FindingRow(SelfCheckFinding f, string? owner, ControlActor who) =>
        new(f.Id, f.ControlId, f.CorrectiveAction, owner, f.DueOn, f.WithdrawnAt,
            f is { CorrectedOn: { } on, CorrectedAt: { } at } ? new FindingCorrection(on, f.CorrectionNote ?? "", f.CorrectedBy ?? "", at) : null,
            f.Version, f.IsOpen && who.CoversDepartment(f.OwnerDepartmentId));
}
