using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Incidents;

/// <summary>What is still open on a ticket; closing shows it and asks for confirmation.</summary>
public sealed record LooseEnds(IReadOnlyList<string> OpenTasks, IReadOnlyList<string> PendingReportChannels, bool RegulatorReportIncomplete)
{
    public bool Any => OpenTasks.Count > 0 || PendingReportChannels.Count > 0 || RegulatorReportIncomplete;
}

/// <summary>
/// The three ways a ticket ends: handled and closed with its lessons, judged インシデント非該当, or merged into the
/// ticket it duplicates. Each leaves its reason on both timelines where two tickets are involved.
/// </summary>
public sealed class CloseIncident(TicketWrites writes)
{
    public async Task<LooseEnds> LooseEndsAsync(int id, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var incident = await TicketWrites.TicketAsync(db, id, ct);
        var tasks = await db.IncidentTasks.Where(t => t.IncidentId == id && t.DoneAt == null).OrderBy(t => t.Id).Select(t => t.Title).ToListAsync(ct);
        var pending = await db.IncidentReports.Where(r => r.IncidentId == id && r.State == ReportState.Pending).Select(r => r.Channel).ToListAsync(ct);
        var ppcDue = await db.IncidentReports.AnyAsync(r => r.IncidentId == id && RegulatoryDuty.PpcChannels.Contains(r.Channel)
            && r.State != ReportState.NotRequired, ct);
        var incomplete = ppcDue && (string.IsNullOrWhiteSpace(incident.ReportSummary) || string.IsNullOrWhiteSpace(incident.ReportCause)
            || string.IsNullOrWhiteSpace(incident.ReportPrevention));
        return new LooseEnds(tasks, pending, incomplete);
    }

    public Task CloseAsync(int id, int expectedVersion, string? resolution, string? rootCause, string? lessonsLearned, CancellationToken ct = default) =>
        writes.ChangeAsync(id, expectedVersion, async (db, incident, who, now) =>
        {
            var outstanding = await db.IncidentReports.AnyAsync(r => r.IncidentId == id && r.State == ReportState.Pending, ct);
            var errors = new FieldErrors();
            errors.Text("resolution", resolution, IncidentLimits.LongText, required: false);
            errors.Text("rootCause", rootCause, IncidentLimits.LongText, required: false);
            errors.Text("lessonsLearned", lessonsLearned, IncidentLimits.LongText, required: false);
            errors.ThrowIfAny();
            incident.Close(resolution, rootCause, lessonsLearned, now, outstanding);
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.StatusChange, TimelineEvents.Closed, who, now, ("text", incident.Resolution)));
        }, ct);

    public Task NotAnIncidentAsync(int id, int expectedVersion, string? reason, CancellationToken ct = default) =>
        writes.ChangeAsync(id, expectedVersion, (db, incident, who, now) =>
        {
            var errors = new FieldErrors();
            errors.Text("reason", reason, IncidentLimits.LongText, required: false);
            errors.ThrowIfAny();
            incident.CloseAsNotAnIncident(reason, now);
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.StatusChange, TimelineEvents.NotAnIncident, who, now, ("text", incident.Resolution)));
            return Task.CompletedTask;
        }, ct);

    /// <summary>Merges a duplicate report into the ticket with the given number; both timelines say so.</summary>
    public Task MergeAsync(int id, int expectedVersion, string? targetNumber, CancellationToken ct = default) =>
        writes.ChangeAsync(id, expectedVersion, async (db, incident, who, now) =>
        {
            var number = targetNumber?.Trim();
            var target = string.IsNullOrEmpty(number) ? null : await db.Incidents.SingleOrDefaultAsync(i => i.Number == number, ct);
            if (target is null) throw ValidationFailedException.For("target", ErrorCodes.TicketNotFound, number ?? "");
            incident.MergeInto(target, now);
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.StatusChange, TimelineEvents.MergedInto, who, now, ("number", target.Number)));
            db.IncidentTimeline.Add(TimelineEvents.Entry(target, TimelineKind.Note, TimelineEvents.MergedFrom, who, now,
                ("number", incident.Number), ("title", incident.Title)));
        }, ct);
}
