using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Incidents;

/// <summary>受付 → トリアージ → 対応中 → 事後対応 → クローズ.</summary>
public enum IncidentStatus
{
    Received = 0,
    Triage = 1,
    Handling = 2,
    PostIncident = 3,
    Closed = 4,
}

/// <summary>The steps within 対応中.</summary>
public enum HandlingPhase
{
    Containment = 0,
    Eradication = 1,
    Recovery = 2,
}

/// <summary>How a ticket ended: handled, judged not to be an incident, or merged into another ticket.</summary>
public enum ClosureKind
{
    Resolved = 0,
    NotAnIncident = 1,
    Duplicate = 2,
}

public enum IncidentSource
{
    Internal = 0,
    External = 1,
    System = 2,
}

public enum NetworkSegment
{
    Unknown = 0,
    MyNumber = 1,
    Lgwan = 2,
    Internet = 3,
}

/// <summary>
/// A report received by the PoC and, once triaged, the incident the CSIRT handles. Its rules live here:
/// which state may follow which, and what must be known before a ticket can close. Nothing is deleted.
/// </summary>
public class Incident : IVersioned
{
    public int Id { get; set; }

    /// <summary>Ticket number, unique, per fiscal year: 2026-0012 or R8-0012.</summary>
    public string Number { get; set; } = "";
    public int FiscalYear { get; set; }
    public int SequenceInYear { get; set; }

    public required string Title { get; set; }
    public string Description { get; set; } = "";

    public IncidentStatus Status { get; private set; } = IncidentStatus.Received;
    public HandlingPhase? Phase { get; private set; }
    public ClosureKind? Closure { get; private set; }

    public IncidentSource Source { get; set; }
    /// <summary>How it reached the PoC: form, phone, mail, api, …</summary>
    public string Channel { get; set; } = "form";

    public string? ReporterName { get; set; }
    public string? ReporterEmail { get; set; }
    public string? ReporterPhone { get; set; }
    public string? ReporterOrganization { get; set; }
    /// <summary>
    /// The key an API client sent with the report (scoped to its token), so that a retried request returns this
    /// ticket instead of creating a second one.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The staff account that reported it through the form, so they can follow their report.</summary>
    public string? ReporterUserId { get; set; }

    public string? Category { get; set; }
    public string? Severity { get; set; }
    public NetworkSegment Segment { get; set; }
    /// <summary>Where it happened, and the systems or devices involved.</summary>
    public string? Location { get; set; }
    public string? AffectedSystems { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }
    /// <summary>認知日時: when the organisation became aware; regulatory deadlines count from here.</summary>
    public DateTimeOffset AwareAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? TriagedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public string? AssigneeUserId { get; set; }
    public string? AssigneeName { get; set; }

    // 個人情報の漏えい等: the questions that decide whether the PPC must be told (DOMAIN §4.4).
    public bool? PersonalDataInvolved { get; set; }
    public int? PersonalRecordCount { get; set; }
    /// <summary>要配慮個人情報.</summary>
    public bool SensitiveData { get; set; }
    /// <summary>財産的被害が生じるおそれ.</summary>
    public bool FinancialLossRisk { get; set; }
    /// <summary>不正の目的をもって行われたおそれ.</summary>
    public bool ImproperIntent { get; set; }
    /// <summary>条例要配慮個人情報.</summary>
    public bool OrdinanceSensitiveData { get; set; }
    /// <summary>特定個人情報 (My Number): a separate duty under the My Number Act.</summary>
    public bool SpecificPersonalInformation { get; set; }
    /// <summary>
    /// The leak came from the 情報提供ネットワークシステム or from a system used for 個人番号利用事務 (a ticket triaged to the
    /// マイナンバー利用事務系 counts as this too; see <see cref="RegulatoryRules"/>).
    /// </summary>
    public bool MyNumberSystemsInvolved { get; set; }
    /// <summary>特定個人情報 was, or may have been, open to 不特定多数 (anyone) by electronic means, e.g. posted on the web.</summary>
    public bool ExposedToPublic { get; set; }
    /// <summary>Properly encrypted data may be exempt from reporting.</summary>
    public bool DataWasEncrypted { get; set; }

    // The fields of the regulator's report form, so the report prints from the ticket.
    public string? ReportSummary { get; set; }
    public string? ReportDataItems { get; set; }
    public string? ReportAffectedPeople { get; set; }
    public string? ReportCause { get; set; }
    public string? ReportSecondaryDamage { get; set; }
    public string? ReportResponseToIndividuals { get; set; }
    public string? ReportPublication { get; set; }
    public string? ReportPrevention { get; set; }
    public string? ReportOther { get; set; }

    public string? Resolution { get; private set; }
    public string? RootCause { get; private set; }
    /// <summary>再発防止策.</summary>
    public string? LessonsLearned { get; private set; }
    public int? MergedIntoId { get; private set; }

    public int Version { get; set; }

    public bool IsOpen => Status != IncidentStatus.Closed;

    private static readonly Dictionary<IncidentStatus, IncidentStatus[]> Allowed = new()
    {
        [IncidentStatus.Received] = [IncidentStatus.Triage],
        [IncidentStatus.Triage] = [IncidentStatus.Handling],
        [IncidentStatus.Handling] = [IncidentStatus.PostIncident],
        [IncidentStatus.PostIncident] = [IncidentStatus.Handling, IncidentStatus.Closed],
        [IncidentStatus.Closed] = [],
    };

    public static bool CanMove(IncidentStatus from, IncidentStatus to) => Allowed[from].Contains(to);

    /// <summary>Takes the report into triage; the first time is when time-to-triage stops.</summary>
    public void StartTriage(DateTimeOffset now)
    {
        Move(IncidentStatus.Triage);
        TriagedAt ??= now;
    }

    /// <summary>Triage: what kind of incident, how severe, where. The first time moves 受付 → トリアージ.</summary>
    public void Classify(string category, string severity, NetworkSegment segment, string? affectedSystems, DateTimeOffset now)
    {
        if (!IsOpen) throw new DomainException(ErrorCodes.IncidentClosed);
        if (Status == IncidentStatus.Received) StartTriage(now);
        Category = category;
        Severity = severity;
        Segment = segment;
        AffectedSystems = affectedSystems;
    }

    /// <summary>The facts that decide whether the PPC must be told (see <see cref="RegulatoryRules"/>).</summary>
    public void RecordPersonalData(DateTimeOffset awareAt, bool? involved, int? recordCount, bool sensitive, bool financialLossRisk,
        bool improperIntent, bool ordinanceSensitive, bool specificPersonalInformation, bool encrypted,
        bool myNumberSystems = false, bool exposedToPublic = false)
    {
        MyNumberSystemsInvolved = myNumberSystems;
        ExposedToPublic = exposedToPublic;
        AwareAt = awareAt;
        PersonalDataInvolved = involved;
        PersonalRecordCount = recordCount;
        SensitiveData = sensitive;
        FinancialLossRisk = financialLossRisk;
        ImproperIntent = improperIntent;
        OrdinanceSensitiveData = ordinanceSensitive;
        SpecificPersonalInformation = specificPersonalInformation;
        DataWasEncrypted = encrypted;
    }

    public void AssignTo(string? userId, string? name)
    {
        AssigneeUserId = string.IsNullOrEmpty(userId) ? null : userId;
        AssigneeName = AssigneeUserId is null ? null : name;
    }

    /// <summary>Judged an incident: handling starts with containment unless told otherwise.</summary>
    public void StartHandling(HandlingPhase phase = HandlingPhase.Containment)
    {
        if (string.IsNullOrWhiteSpace(Category) || string.IsNullOrWhiteSpace(Severity))
            throw new DomainException(ErrorCodes.TriageIncomplete);
        Move(IncidentStatus.Handling);
        Phase = phase;
    }

    public void ChangePhase(HandlingPhase phase)
    {
        if (Status != IncidentStatus.Handling)
            throw new DomainException(ErrorCodes.NotHandling);
        Phase = phase;
    }

    public void StartPostIncident()
    {
        Move(IncidentStatus.PostIncident);
        Phase = null;
    }

    /// <summary>Back from 事後対応 to 対応中, when handling turns out not to be over.</summary>
    public void ResumeHandling(HandlingPhase phase)
    {
        Move(IncidentStatus.Handling);
        Phase = phase;
    }

    /// <summary>
    /// Moves along the states: into 対応中 (or to another phase within it), to 事後対応, back to 対応中, or
    /// back into triage. Closing has its own steps, because it needs more than a target state.
    /// </summary>
    public void MoveTo(IncidentStatus target, HandlingPhase? phase, DateTimeOffset now)
    {
        switch (target)
        {
            case IncidentStatus.Handling when Status == IncidentStatus.Handling:
                ChangePhase(phase ?? HandlingPhase.Containment);
                break;
            case IncidentStatus.Handling when Status == IncidentStatus.PostIncident:
                ResumeHandling(phase ?? HandlingPhase.Recovery);
                break;
            case IncidentStatus.Handling:
                StartHandling(phase ?? HandlingPhase.Containment);
                break;
            case IncidentStatus.PostIncident:
                StartPostIncident();
                break;
            case IncidentStatus.Triage:
                StartTriage(now);
                break;
            default:
                throw new DomainException(ErrorCodes.BadTransition, Status, target);
        }
    }

    /// <summary>
    /// Closes a handled incident: resolution, root cause and lessons learned are all required, and no report the
    /// law requires may still be outstanding (it is either sent or deliberately waived with a reason).
    /// </summary>
    public void Close(string? resolution, string? rootCause, string? lessonsLearned, DateTimeOffset now, bool reportsOutstanding = false)
    {
        if (string.IsNullOrWhiteSpace(resolution))
            throw ValidationFailedException.For("resolution", ErrorCodes.ResolutionRequired);
        if (string.IsNullOrWhiteSpace(rootCause))
            throw ValidationFailedException.For("rootCause", ErrorCodes.RootCauseRequired);
        if (string.IsNullOrWhiteSpace(lessonsLearned))
            throw ValidationFailedException.For("lessonsLearned", ErrorCodes.LessonsRequired);
        if (reportsOutstanding)
            throw new DomainException(ErrorCodes.ReportsOutstanding);
        Move(IncidentStatus.Closed);
        Resolution = resolution.Trim();
        RootCause = rootCause.Trim();
        LessonsLearned = lessonsLearned.Trim();
        Closure = ClosureKind.Resolved;
        ClosedAt = now;
    }

    /// <summary>インシデント非該当: the PoC closes a report that is not an incident, saying why.</summary>
    public void CloseAsNotAnIncident(string? reason, DateTimeOffset now)
    {
        if (Status is not (IncidentStatus.Received or IncidentStatus.Triage))
            throw new DomainException(ErrorCodes.NotAReport);
        if (string.IsNullOrWhiteSpace(reason))
            throw ValidationFailedException.For("reason", ErrorCodes.ReasonRequired);
        Status = IncidentStatus.Closed;
        Phase = null;
        Closure = ClosureKind.NotAnIncident;
        Resolution = reason.Trim();
        ClosedAt = now;
        TriagedAt ??= now;
    }

    /// <summary>A duplicate report is merged into another ticket and closes, pointing to it.</summary>
    public void MergeInto(Incident target, DateTimeOffset now)
    {
        if (target.Id == Id)
            throw ValidationFailedException.For("target", ErrorCodes.MergeSelf);
        if (!target.IsOpen)
            throw ValidationFailedException.For("target", ErrorCodes.MergeClosed);
        if (Status is not (IncidentStatus.Received or IncidentStatus.Triage))
            throw new DomainException(ErrorCodes.NotAReport);
        Status = IncidentStatus.Closed;
        Phase = null;
        Closure = ClosureKind.Duplicate;
        MergedIntoId = target.Id;
        Resolution = target.Number;
        ClosedAt = now;
        TriagedAt ??= now;
    }

    private void Move(IncidentStatus to)
    {
        if (!CanMove(Status, to))
            throw new DomainException(ErrorCodes.BadTransition, Status, to);
        Status = to;
    }
}
