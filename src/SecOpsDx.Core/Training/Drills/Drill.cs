namespace SecOpsDx.Core.Training;

/// <summary>標的型攻撃メール訓練: one drill (a Gophish campaign) and when it was held.</summary>
public class Drill
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The day the mails went out (the earliest send date in the results).</summary>
    public DateOnly HeldOn { get; set; }

    public int FiscalYear { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedByName { get; set; }
    public List<DrillResult> Results { get; set; } = [];
}

/// <summary>The furthest step a recipient reached. Stored as numbers; the order matters (each includes the ones before).</summary>
public enum DrillStep
{
    /// <summary>Not sent (Scheduled, Sending, Retrying, Error).</summary>
    NotSent = 0,
    Sent = 1,
    Opened = 2,
    Clicked = 3,
    Submitted = 4,
}

/// <summary>One recipient of a drill. An address not on the roster is kept with no staff member, so it is listed.</summary>
public class DrillResult : IAppendOnly
{
    public long Id { get; set; }
    public int DrillId { get; set; }
    public required string Email { get; set; }
    public int? StaffMemberId { get; set; }

    /// <summary>The department the person belonged to when the drill was held.</summary>
    public int? DepartmentId { get; set; }

    public DrillStep Step { get; set; }
    public bool Reported { get; set; }

    /// <summary>The name as the drill tool had it, for unknown addresses.</summary>
    public string? Name { get; set; }
}

/// <summary>
/// A drill report that reached a manager (情報セキュリティ管理者) rather than the drill tool: the staff member forwarded
/// the suspicious mail or phoned instead of pressing the report button, which under the α model may not even be there
/// on the LGWAN side. Recorded by hand, with who recorded it, and counted in the report rate once per recipient.
/// </summary>
public class DrillManualReport : IAppendOnly
{
    public long Id { get; set; }
    public int DrillId { get; set; }

    /// <summary>The recipient's row of the drill; one hand-recorded report each (a unique index).</summary>
    public long DrillResultId { get; set; }

    /// <summary>The day the report reached the manager.</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>How it reached them (forwarded mail, phone, in person), in the recorder's words.</summary>
    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }
}
