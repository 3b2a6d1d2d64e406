namespace SecOpsDx.Core.Policies;

/// <summary>
/// One document of the information security policy (a 基本方針, a 対策基準 or a 実施手順), the thing a 例規番号 names.
/// Its text lives in <see cref="PolicyRevision"/>s; which one is in force follows from their 施行日.
/// </summary>
public class PolicyDocument : IVersioned
{
    public int Id { get; set; }

    /// <summary>The stable key of the document, as the id in a policy file's front matter.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public PolicyKind Kind { get; set; }

    /// <summary>例規番号, e.g. 訓令第44号.</summary>
    public string? RuleNumber { get; set; }

    /// <summary>所属コード of the department that owns the document (usually 情報政策課).</summary>
    public required string OwnerDepartmentCode { get; set; }

    public int ReviewIntervalMonths { get; set; } = 12;

    /// <summary>Code of the guideline edition the document follows (config/guideline-editions.yaml).</summary>
    public required string GuidelineEdition { get; set; }

    /// <summary>Who must read it: see <see cref="PolicyAudience"/>.</summary>
    public string Audience { get; set; } = PolicyAudience.Everyone;

    /// <summary>Published on /public/policies while a revision is in force.</summary>
    public bool IsPublic { get; set; }

    /// <summary>The last 見直し, with or without a change.</summary>
    public DateOnly? LastReviewedOn { get; set; }

    /// <summary>廃止: from this day no revision is in force.</summary>
    public DateOnly? AbolishedOn { get; set; }

    /// <summary>Why the document was abolished (e.g. merged into the 対策基準), as the approver recorded it.</summary>
    public string? AbolitionReason { get; set; }

    public int Version { get; set; }
}

/// <summary>One review of a document (見直し), kept for the auditor; a review that changed nothing is recorded too.</summary>
public class PolicyReview : IAppendOnly
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public PolicyDocument? Document { get; set; }
    public DateOnly ReviewedOn { get; set; }
    /// <summary>True for 見直し実施・改定なし; false when the review led to a revision.</summary>
    public bool WithoutChange { get; set; }
    public string? Note { get; set; }
    public string? ReviewerUserId { get; set; }
    public required string ReviewerName { get; set; }
    public required string GuidelineEdition { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
