namespace SecOpsDx.Core.Policies;

/// <summary>Why a document is on the review list.</summary>
public enum ReviewNeed
{
    None,
    /// <summary>The review interval has passed.</summary>
    Overdue,
    /// <summary>It follows an older guideline edition.</summary>
    OlderEdition,
    /// <summary>Both.</summary>
    OverdueAndOlderEdition,
}

public sealed record RegisterRow(
    int DocumentId, string Slug, string Title, PolicyKind Kind, string? RuleNumber, string OwnerCode, string? OwnerName,
    int? InForceNumber, DateOnly? InForceSince, DateOnly? EnactedOn, DateOnly? AmendedOn, DateOnly? LastReviewedOn, DateOnly? NextReviewDue,
    ReviewNeed Need, string GuidelineEdition, bool IsPublic, int? OpenRevisionId, int? OpenRevisionNumber, PolicyRevisionState? OpenRevisionState)
{
    public bool ReviewNeeded => Need != ReviewNeed.None;
}

public sealed record RevisionRow(int Id, int Number, string Title, PolicyChange Change, PolicyRevisionState State, DateOnly EffectiveOn,
    string DraftedByName, DateTimeOffset DraftedAt, string? ApprovedByName, DateTimeOffset? ApprovedAt, string? ReturnComment);

public sealed record DocumentView(
    int Id, string Slug, string Title, PolicyKind Kind, string? RuleNumber, string OwnerCode, string? OwnerName, int ReviewIntervalMonths,
    string GuidelineEdition, PolicyAudience Audience, bool IsPublic, DateOnly? LastReviewedOn, DateOnly? NextReviewDue, ReviewNeed Need,
    RevisionRow? InForce, string? InForceHtml, IReadOnlyList<RevisionRow> Revisions, int Version,
    DateOnly? AbolishedOn = null, string? AbolitionReason = null);

public sealed record RevisionView(
    int Id, int DocumentId, string DocumentSlug, string DocumentTitle, int Number, string Title, string Body, PolicyChange Change,
    PolicyRevisionState State, DateOnly EffectiveOn, string? DraftedByUserId, string DraftedByName, string? ApprovedByName,
    DateTimeOffset? ApprovedAt, string? ReturnComment, int Version);

/// <summary>A revision in force that the person has yet to acknowledge.</summary>
public sealed record PendingAcknowledgment(
    int RevisionId, int DocumentId, string Slug, string Title, PolicyKind Kind, string? RuleNumber, int Number, DateOnly EffectiveOn,
    PolicyChange Change, bool AcknowledgedEarlierVersion);

public sealed record PublicDocument(string Slug, string Title, PolicyKind Kind, string? RuleNumber, DateOnly EffectiveOn);

public sealed record ReadableDocument(string Slug, string Title, PolicyKind Kind, string? RuleNumber, int Number, DateOnly EffectiveOn);

public sealed record ReviewDue(int DocumentId, string Slug, string Title, DateOnly? NextReviewDue, ReviewNeed Need);

public sealed record DepartmentRate(int DocumentId, string Slug, string Title, int Number, int Applicable, int Acknowledged)
{
    public int Missing => Applicable - Acknowledged;
    /// <summary>Percent, half up to one decimal (<see cref="Common.Percent"/>); none when nobody is asked.</summary>
    public decimal? Percent => Common.Percent.Of(Acknowledged, Applicable);
}

public sealed record MissingStaff(int StaffId, string EmployeeNumber, string FullName, string DepartmentName, string? Title);

public sealed record DepartmentAcknowledgments(int DepartmentId, string DepartmentName, IReadOnlyList<DepartmentRate> Documents);

public sealed record ComparisonView(int DocumentId, string Slug, string DocumentTitle, string? RuleNumber,
    int OldRevisionId, int OldNumber, DateOnly OldEffectiveOn, int NewRevisionId, int NewNumber, DateOnly NewEffectiveOn,
    IReadOnlyList<ComparisonRow> Rows);

public sealed record StaffOfUser(int StaffId, int DepartmentId);
