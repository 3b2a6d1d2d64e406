namespace SecOpsDx.Core.Separation;

public enum ControlStatus { NotMet, Partial, Met, NotApplicable }

public enum VerificationResult { Passed, PartlyPassed, Failed }

/// <summary>The municipality's separation model (α, α′, β, β′): one row, changed by the CISO office.</summary>
public class SeparationSetting : IVersioned
{
    public int Id { get; set; }
    public required string Model { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>Each change of model, kept so that a control's history can be read against the model of its time.</summary>
public class SeparationModelChange : IAppendOnly
{
    public int Id { get; set; }
    public string? FromModel { get; set; }
    public required string ToModel { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
}

/// <summary>A system or network of one segment (住民記録システム, 財務会計, 公開Web, …). Retired, never deleted.</summary>
public class SegmentSystem : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Segment { get; set; }
    public int OwnerDepartmentId { get; set; }
    public int Terminals { get; set; }
    public string? Vendor { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>
/// Where a control stands: for the control as a whole (SystemId null) or for one system. Keyed by the control's id
/// in the catalogue, so a new catalogue or another model never loses it.
/// </summary>
public class ControlState : IVersioned
{
    public int Id { get; set; }
    public required string ControlId { get; set; }
    public int? SystemId { get; set; }
    public ControlStatus Status { get; set; }
    public string? NotApplicableReason { get; set; }
    public int? OwnerDepartmentId { get; set; }
    public string? OwnerUserId { get; set; }
    public string? OwnerName { get; set; }
    public string? EvidenceText { get; set; }
    /// <summary>
    /// For a control the catalogue lists methods for (無害化通信), the codes of those in use, comma-separated in the
    /// catalogue's order; null for the others.
    /// </summary>
    public string? Methods { get; set; }
    public DateOnly? LastVerifiedOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>One verification of a control: who checked, on which day, what they found.</summary>
public class ControlVerification : IAppendOnly
{
    public int Id { get; set; }
    public required string ControlId { get; set; }
    public int? SystemId { get; set; }
    public DateOnly VerifiedOn { get; set; }
    public VerificationResult Result { get; set; }
    public string? Notes { get; set; }
    public string? VerifiedByUserId { get; set; }
    public required string VerifiedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A file of evidence for a control; the bytes live in the evidence store under their SHA-256.</summary>
public class ControlEvidence : IAppendOnly
{
    public int Id { get; set; }
    public required string ControlId { get; set; }
    public int? SystemId { get; set; }
    public int? VerificationId { get; set; }
    /// <summary>The verification the file was given with, if any.</summary>
    public ControlVerification? Verification { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public string? AddedByUserId { get; set; }
    public required string AddedBy { get; set; }
}

/// <summary>例外措置: a control that is not met, why, what makes up for it, until when. In force once the CISO approves.</summary>
public class ControlException : IVersioned
{
    public int Id { get; set; }
    public required string ControlId { get; set; }
    public int? SystemId { get; set; }
    public required string Reason { get; set; }
    public required string CompensatingMeasures { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public int Version { get; set; }
}
