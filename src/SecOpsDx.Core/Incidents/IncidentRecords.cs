namespace SecOpsDx.Core.Incidents;

public enum TimelineKind
{
    Note = 0,
    StatusChange = 1,
    Triage = 2,
    Assignment = 3,
    Report = 4,
    Correction = 5,
    Intake = 6,
    /// <summary>What the person who reported the ticket added later (information or a file).</summary>
    FollowUp = 7,
}

/// <summary>One line of a ticket's history. Append-only: a mistake is corrected by a new entry.</summary>
public class IncidentTimelineEntry : IAppendOnly
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public DateTimeOffset At { get; set; }
    public TimelineKind Kind { get; set; }
    /// <summary>What a person wrote (notes, corrections); empty for entries the app records, which use <see cref="Event"/>.</summary>
    public required string Text { get; set; }
    /// <summary>For entries the app records: which event (<see cref="TimelineEvents"/>), shown in each reader's language.</summary>
    public string? Event { get; set; }
    /// <summary>The event's values as JSON (<see cref="TimelineEvents.ReadData"/>).</summary>
    public string? Data { get; set; }
    public string? AuthorUserId { get; set; }
    public required string AuthorName { get; set; }
}

public enum ReportState
{
    NotRequired = 0,
    Pending = 1,
    Submitted = 2,
    /// <summary>
    /// Required by the rules, but the CSIRT decided not to report, with the reason in the note. For 本人通知: not given
    /// because an exception of the law applies (e.g. the information falls under 個人情報保護法 第78条), with the reason.
    /// </summary>
    Waived = 3,
    /// <summary>
    /// 本人通知 only: notice is hard to give, so an alternative measure that protects the people's interests (such as
    /// publication) was taken instead (個人情報保護法 第68条第2項ただし書), with what was done in the note.
    /// </summary>
    AlternativeMeasure = 4,
}

/// <summary>The state of one reporting channel of a ticket (PPC 速報, PPC 確報, 都道府県, …).</summary>
public class IncidentReport : IVersioned
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public Incident? Incident { get; set; }
    public required string Channel { get; set; }
    public ReportState State { get; set; }
    /// <summary>Computed for the PPC channels from 認知日時; null where no deadline applies.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    /// <summary>How the report or notice was made (郵送, 電話, 電子メール, 報告フォーム …); required for a 本人通知 given.</summary>
    public string? Method { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
}
