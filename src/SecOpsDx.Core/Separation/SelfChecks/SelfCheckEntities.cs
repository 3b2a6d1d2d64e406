namespace SecOpsDx.Core.Separation;

/// <summary>
/// 自己点検 of one 年度 over the catalogue, under the model in force when it was opened. Owners answer for their
/// controls; the CISO closes it with a summary. Closed, never deleted.
/// </summary>
public class SelfCheck : IVersioned
{
    public int Id { get; set; }
    /// <summary>The 年度, by the calendar year it starts in.</summary>
    public int FiscalYear { get; set; }
    public required string Model { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public required string OpenedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? Summary { get; set; }
    public int Version { get; set; }
    public bool IsOpen => ClosedAt is null;
}

/// <summary>An owner's answer for one control in a self-check; revisable until the self-check is closed.</summary>
public class SelfCheckAnswer : IVersioned
{
    public int Id { get; set; }
    public int SelfCheckId { get; set; }
    public required string ControlId { get; set; }
    public ControlStatus Answer { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
    public required string AnsweredBy { get; set; }
    public int Version { get; set; }
}

/// <summary>指摘事項: an unmet answer, with the corrective action, who does it and by when.</summary>
public class SelfCheckFinding : IVersioned
{
    public int Id { get; set; }
    public int SelfCheckId { get; set; }
    public required string ControlId { get; set; }
    public required string CorrectiveAction { get; set; }
    public int? OwnerDepartmentId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    /// <summary>Set when the answer was revised to met or not applicable: the finding no longer stands.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>The day the corrective action was done (是正完了), as the owner reports it; set once, never cleared.</summary>
    public DateOnly? CorrectedOn { get; set; }
    /// <summary>What was done.</summary>
    public string? CorrectionNote { get; set; }
    public string? CorrectedBy { get; set; }
    /// <summary>When the correction was recorded.</summary>
    public DateTimeOffset? CorrectedAt { get; set; }
    public int Version { get; set; }
    /// <summary>Still standing and not yet corrected: what the dashboard and the reminders count.</summary>
    public bool IsOpen => WithdrawnAt is null && CorrectedAt is null;
}
