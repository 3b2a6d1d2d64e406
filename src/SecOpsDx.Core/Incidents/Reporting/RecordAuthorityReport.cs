using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Incidents;

public sealed record RegulatorReportFields(
    string? Summary, string? DataItems, string? AffectedPeople, string? Cause, string? SecondaryDamage,
    string? ResponseToIndividuals, string? Publication, string? Prevention, string? Other);

/// <summary>
/// Records what was sent to one authority (報告済, with when), that a report is needed (要報告), not needed, or
/// deliberately not made although the rules ask for it (waived, with the reason); and keeps the fields of the
/// regulator's report form with the ticket so that the report prints from it.
/// </summary>
public sealed class RecordAuthorityReport(TicketWrites writes, IncidentTaxonomy taxonomy)
{
    public Task ExecuteAsync(int id, string? channel, ReportState? state, DateTimeOffset? submittedAt, string? note, CancellationToken ct = default) =>
        ExecuteAsync(id, channel, state, submittedAt, note, method: null, ct);

    /// <param name="method">How it was made (郵送, 電話, …); required when a 本人通知 is recorded as given.</param>
    public async Task ExecuteAsync(int id, string? channel, ReportState? state, DateTimeOffset? submittedAt, string? note, string? method,
        CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var item = taxonomy.Channel(channel);
        if (string.IsNullOrWhiteSpace(channel)) errors.Add("channel", ErrorCodes.Required);
        else if (item is null) errors.Add("channel", ErrorCodes.UnknownCode, channel);
        if (state is null) errors.Add("state", ErrorCodes.Required);
        var notice = item?.Code == IncidentTaxonomy.NoticeIndividuals;
        // 代替措置 is the notice's own exception (個人情報保護法 第68条第2項ただし書); a report to an authority has none.
        if (state == ReportState.AlternativeMeasure && item is not null && !notice) errors.Add("state", ErrorCodes.AlternativeOnlyForNotice);
        var now = writes.Now;
        if (state == ReportState.Submitted && submittedAt is null) submittedAt = now;
        errors.PastMoment("submittedAt", submittedAt, now);
        var noteText = errors.Text("note", note, IncidentLimits.ReportNote, required: false);
        var methodText = errors.Text("method", method, IncidentLimits.ReportMethod, required: false);
        if (state == ReportState.Waived && noteText is null) errors.Add("note", notice ? ErrorCodes.NoticeExceptionReasonRequired : ErrorCodes.WaiverReasonRequired);
        if (state == ReportState.AlternativeMeasure && noteText is null) errors.Add("note", ErrorCodes.AlternativeMeasureRequired);
        if (state == ReportState.Submitted && notice && methodText is null) errors.Add("method", ErrorCodes.NoticeMethodRequired);
        errors.ThrowIfAny();
        var who = await writes.ActorAsync();
        await using var db = await writes.OpenAsync(ct);
        var incident = await TicketWrites.TicketAsync(db, id, ct);
        var report = await db.IncidentReports.SingleOrDefaultAsync(r => r.IncidentId == id && r.Channel == item!.Code, ct);
        if (report is null) db.IncidentReports.Add(report = new IncidentReport { IncidentId = id, Channel = item!.Code });
        report.State = state!.Value;
        report.SubmittedAt = state == ReportState.Submitted ? submittedAt : null;
        report.SubmittedBy = state == ReportState.Submitted ? who.Name : null;
        report.Method = state == ReportState.Submitted ? methodText : null;
        report.Note = noteText;
        db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Report, TimelineEvents.Report, who, now,
            ("channel", item!.Code), ("state", state.Value.ToString()),
            ("at", report.SubmittedAt is { } at ? TimelineEvents.Moment(at) : null), ("method", report.Method), ("note", noteText)));
        await db.SaveOrConflictAsync(ct);
    }

    public Task UpdateFieldsAsync(int id, int expectedVersion, RegulatorReportFields f, CancellationToken ct = default) =>
        writes.ChangeAsync(id, expectedVersion, (db, incident, who, now) =>
        {
            var errors = new FieldErrors();
            incident.ReportSummary = errors.Text("summary", f.Summary, IncidentLimits.LongText, false);
            incident.ReportDataItems = errors.Text("dataItems", f.DataItems, IncidentLimits.LongText, false);
            incident.ReportAffectedPeople = errors.Text("affectedPeople", f.AffectedPeople, IncidentLimits.AffectedPeople, false);
            incident.ReportCause = errors.Text("cause", f.Cause, IncidentLimits.LongText, false);
            incident.ReportSecondaryDamage = errors.Text("secondaryDamage", f.SecondaryDamage, IncidentLimits.LongText, false);
            incident.ReportResponseToIndividuals = errors.Text("responseToIndividuals", f.ResponseToIndividuals, IncidentLimits.LongText, false);
            incident.ReportPublication = errors.Text("publication", f.Publication, IncidentLimits.LongText, false);
            incident.ReportPrevention = errors.Text("prevention", f.Prevention, IncidentLimits.LongText, false);
            incident.ReportOther = errors.Text("other", f.Other, IncidentLimits.LongText, false);
            errors.ThrowIfAny();
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Note, TimelineEvents.ReportFields, who, now));
            return Task.CompletedTask;
        }, ct);
}
