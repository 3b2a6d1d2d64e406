namespace SecOpsDx.Core.Policies;

/// <summary>
/// One version of a document's text. A draft may be edited by its drafters; once approved it never changes
/// (the use cases refuse, and the register shows it as it was approved).
/// </summary>
public class PolicyRevision : IVersioned
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public PolicyDocument? Document { get; set; }

    /// <summary>The version number (版), rising by one per revision of the document.</summary>
    public int Number { get; set; }

    /// <summary>The document's title as this revision states it.</summary>
    public required string Title { get; set; }

    /// <summary>The text, as Markdown.</summary>
    public required string Body { get; set; }

    public PolicyChange Change { get; set; }

    public PolicyRevisionStage Stage { get; set; }

    /// <summary>施行日.</summary>
    public DateOnly EffectiveOn { get; set; }

    public string? DraftedByUserId { get; set; }
    public required string DraftedByName { get; set; }
    public DateTimeOffset DraftedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? ApprovedByUserId { get; set; }
    public string? ApprovedByName { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>The approver's reason when the draft was sent back.</summary>
    public string? ReturnComment { get; set; }

    /// <summary>SHA-256 of the policy file a sync made this revision from; null for a revision made in the browser.</summary>
    public string? SourceHash { get; set; }

    public int Version { get; set; }

    public bool IsOpen => Stage != PolicyRevisionStage.Approved;
}

/// <summary>
/// A person confirmed they read a revision (確認しました). Never changed or deleted: a later acknowledgment is a new
/// row, so the record shows every time and place someone confirmed.
/// </summary>
public class PolicyAcknowledgment : IAppendOnly
{
    public long Id { get; set; }
    public int StaffId { get; set; }
    public int DocumentId { get; set; }
    public int RevisionId { get; set; }
    public PolicyRevision? Revision { get; set; }
    /// <summary>The revision's number, kept so that a carried-forward acknowledgment is found without a join.</summary>
    public int RevisionNumber { get; set; }
    public DateTimeOffset AcknowledgedAt { get; set; }
    public string? ClientAddress { get; set; }
}
