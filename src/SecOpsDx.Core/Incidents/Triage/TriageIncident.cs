using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Incidents;

public sealed record TriageInput(
    string? Category,
    string? Severity,
    NetworkSegment Segment,
    string? AffectedSystems,
    DateTimeOffset AwareAt,
    bool? PersonalDataInvolved,
    int? PersonalRecordCount,
    bool SensitiveData,
    bool FinancialLossRisk,
    bool ImproperIntent,
    bool OrdinanceSensitiveData,
    bool SpecificPersonalInformation,
    bool DataWasEncrypted,
    string? AssigneeUserId,
    bool MyNumberSystemsInvolved = false,
    bool ExposedToPublic = false);

/// <summary>Classifies the ticket (first time: 受付 → トリアージ), assigns it and recomputes its duty to report.</summary>
public sealed class TriageIncident(TicketWrites writes, IncidentTaxonomy taxonomy, RegulatoryDuty duty)
{
    public Task ExecuteAsync(int id, int expectedVersion, TriageInput input, CancellationToken ct = default) =>
        writes.ChangeAsync(id, expectedVersion, async (db, incident, who, now) =>
        {
            var errors = new FieldErrors();
            var category = taxonomy.CheckCode(errors, "category", input.Category, taxonomy.Category);
            var severity = taxonomy.CheckCode(errors, "severity", input.Severity, taxonomy.Severity);
            if (string.IsNullOrWhiteSpace(input.Category)) errors.Add("category", ErrorCodes.Required);
            if (string.IsNullOrWhiteSpace(input.Severity)) errors.Add("severity", ErrorCodes.Required);
            errors.PastMoment("awareAt", input.AwareAt, now);
            errors.NotNegative("personalRecordCount", input.PersonalRecordCount);
            var systems = errors.Text("affectedSystems", input.AffectedSystems, IncidentLimits.Place, required: false);
            string? assigneeName = null;
            if (input.AssigneeUserId is { Length: > 0 } assignee)
            {
                assigneeName = await db.Users.Where(u => u.Id == assignee).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(ct);
                if (assigneeName is null) errors.Add("assignee", ErrorCodes.UserNotFound);
            }
            if (!incident.IsOpen) throw new DomainException(ErrorCodes.IncidentClosed);
            errors.ThrowIfAny();

            var reassigned = incident.AssigneeUserId != (string.IsNullOrEmpty(input.AssigneeUserId) ? null : input.AssigneeUserId);
            incident.Classify(category!, severity!, input.Segment, systems, now);
            incident.RecordPersonalData(input.AwareAt, input.PersonalDataInvolved, input.PersonalRecordCount, input.SensitiveData,
                input.FinancialLossRisk, input.ImproperIntent, input.OrdinanceSensitiveData, input.SpecificPersonalInformation, input.DataWasEncrypted,
                input.MyNumberSystemsInvolved, input.ExposedToPublic);
            incident.AssignTo(input.AssigneeUserId, assigneeName);

            var assessment = await duty.ApplyAsync(db, incident, ct);
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Triage, TimelineEvents.Triage, who, now,
                ("category", category), ("severity", severity), ("ppc", assessment.MustReportToPpc ? "true" : null),
                ("preliminary", assessment.PreliminaryDueDate is { } p ? TimelineEvents.Date(p) : null),
                ("final", assessment.FinalDueDate is { } f ? TimelineEvents.Date(f) : null)));
            if (reassigned)
                db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Assignment, TimelineEvents.Assigned, who, now, ("name", assigneeName)));
        }, ct);
}
