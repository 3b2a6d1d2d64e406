namespace SecOpsDx.Core.Incidents;

/// <summary>A ticket as the pages and the API read it: a copy of its fields, never the tracked entity.</summary>
public sealed record IncidentView
{
    public required int Id { get; init; }
    public required string Number { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required IncidentStatus Status { get; init; }
    public HandlingPhase? Phase { get; init; }
    public ClosureKind? Closure { get; init; }
    public required IncidentSource Source { get; init; }
    public required string Channel { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterEmail { get; init; }
    public string? ReporterPhone { get; init; }
    public string? ReporterOrganization { get; init; }
    public string? ReporterUserId { get; init; }
    public string? Category { get; init; }
    public string? Severity { get; init; }
    public NetworkSegment Segment { get; init; }
    public string? Location { get; init; }
    public string? AffectedSystems { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public required DateTimeOffset AwareAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? TriagedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? AssigneeUserId { get; init; }
    public string? AssigneeName { get; init; }
    public bool? PersonalDataInvolved { get; init; }
    public int? PersonalRecordCount { get; init; }
    public bool SensitiveData { get; init; }
    public bool FinancialLossRisk { get; init; }
    public bool ImproperIntent { get; init; }
    public bool OrdinanceSensitiveData { get; init; }
    public bool SpecificPersonalInformation { get; init; }
    public bool MyNumberSystemsInvolved { get; init; }
    public bool ExposedToPublic { get; init; }
    public bool DataWasEncrypted { get; init; }
    public required RegulatorReportFields Report { get; init; }
    public string? Resolution { get; init; }
    public string? RootCause { get; init; }
    public string? LessonsLearned { get; init; }
    public int? MergedIntoId { get; init; }
    public required int Version { get; init; }

    public bool IsOpen => Status != IncidentStatus.Closed;

    public static IncidentView From(Incident i) => new()
    {
        Id = i.Id, Number = i.Number, Title = i.Title, Description = i.Description, Status = i.Status, Phase = i.Phase, Closure = i.Closure,
        Source = i.Source, Channel = i.Channel, ReporterName = i.ReporterName, ReporterEmail = i.ReporterEmail, ReporterPhone = i.ReporterPhone,
        ReporterOrganization = i.ReporterOrganization, ReporterUserId = i.ReporterUserId, Category = i.Category, Severity = i.Severity,
        Segment = i.Segment, Location = i.Location, AffectedSystems = i.AffectedSystems, OccurredAt = i.OccurredAt, AwareAt = i.AwareAt,
        ReceivedAt = i.ReceivedAt, TriagedAt = i.TriagedAt, ClosedAt = i.ClosedAt, AssigneeUserId = i.AssigneeUserId, AssigneeName = i.AssigneeName,
        PersonalDataInvolved = i.PersonalDataInvolved, PersonalRecordCount = i.PersonalRecordCount, SensitiveData = i.SensitiveData,
        FinancialLossRisk = i.FinancialLossRisk, ImproperIntent = i.ImproperIntent, OrdinanceSensitiveData = i.OrdinanceSensitiveData,
        SpecificPersonalInformation = i.SpecificPersonalInformation, DataWasEncrypted = i.DataWasEncrypted,
        MyNumberSystemsInvolved = i.MyNumberSystemsInvolved, ExposedToPublic = i.ExposedToPublic,
        Report = new RegulatorReportFields(i.ReportSummary, i.ReportDataItems, i.ReportAffectedPeople, i.ReportCause, i.ReportSecondaryDamage,
            i.ReportResponseToIndividuals, i.ReportPublication, i.ReportPrevention, i.ReportOther),
        Resolution = i.Resolution, RootCause = i.RootCause, LessonsLearned = i.LessonsLearned, MergedIntoId = i.MergedIntoId, Version = i.Version,
    };
}
