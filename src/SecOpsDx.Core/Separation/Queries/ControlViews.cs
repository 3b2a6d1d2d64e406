namespace SecOpsDx.Core.Separation;

/// <summary>Who is looking, worked out once per page: what they may change.</summary>
public sealed record ControlViewer(bool Manages, bool IsCiso, string? UserId, int? DepartmentId, int? ParentDepartmentId);

public sealed record ModelChangeRow(string? FromModel, string ToModel, DateTimeOffset ChangedAt, string ChangedBy);

public sealed record SeparationSettingView(string Model, bool IsDefault, IReadOnlyList<ModelChangeRow> Changes);

public sealed record SystemRow(int Id, string Name, string Segment, int OwnerDepartmentId, string OwnerDepartment, int Terminals, string? Vendor, bool IsActive, int Version);

/// <summary>One control as the catalogue page lists it, for the model in force.</summary>
public sealed record ControlRow(
    ControlDefinition Control, bool Applies, ControlStatus Status, string? Owner, DateOnly? LastVerifiedOn, DateOnly? NextDue, bool Overdue, bool Mine);

/// <summary>A verification that falls due: for a control, or for a control on one system. DueOn null: never verified.</summary>
public sealed record DueItem(string ControlId, string ControlJa, string ControlEn, int? SystemId, string? SystemName,
    DateOnly? LastVerifiedOn, DateOnly? DueOn, bool Overdue, int? OwnerDepartmentId, string? Owner);

public sealed record DueList(IReadOnlyList<DueItem> Overdue, IReadOnlyList<DueItem> DueThisMonth);

public sealed record StateView(int? SystemId, string? SystemName, ControlStatus Status, string? NotApplicableReason, string? EvidenceText,
    DateOnly? LastVerifiedOn, DateOnly? NextDue, bool Overdue, string? UpdatedBy, DateTimeOffset? UpdatedAt, int Version)
{
    /// <summary>The codes of the methods recorded as in use (for a control that lists methods), in the catalogue's order.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];
}

public sealed record VerificationRow(int Id, int? SystemId, string? SystemName, DateOnly VerifiedOn, VerificationResult Result, string? Notes, string VerifiedBy, DateTimeOffset RecordedAt);

public sealed record ControlEvidenceRow(int Id, string ControlId, int? VerificationId, string FileName, long Size, string Sha256, string? Note, DateTimeOffset AddedAt, string AddedBy);

public enum ExceptionState { Pending, InForce, Expiring, Expired }

public sealed record ExceptionRow(int Id, string ControlId, string ControlJa, string ControlEn, int? SystemId, string? SystemName,
    string Reason, string CompensatingMeasures, DateOnly ExpiresOn, string RequestedBy, DateTimeOffset RequestedAt, string? ApprovedBy,
    DateTimeOffset? ApprovedAt, ExceptionState State, int Version)
{
    /// <summary>The control left the catalogue: its records are read-only, so a pending request can no longer be approved.</summary>
    public bool ControlRetired { get; init; }
}

public sealed record ControlDetail(
    ControlDefinition Control, string Model, bool Applies, IReadOnlyList<string> ModelsApplying,
    int? OwnerDepartmentId, string? Owner, StateView State, IReadOnlyList<StateView> Systems, IReadOnlyList<SystemRow> SystemsOfSegments,
    IReadOnlyList<VerificationRow> Verifications, IReadOnlyList<ControlEvidenceRow> Evidence, IReadOnlyList<ExceptionRow> Exceptions,
    bool CanRecord, bool Manages, bool IsCiso, string? OwnerUserId = null, bool Retired = false, DateTimeOffset? RetiredAt = null)
{
    /// <summary>
    /// The control's one status (<see cref="ControlCompliance.StatusOf"/>), as the list and the matrix show it; the
    /// control's own record (<see cref="State"/>) stays what was recorded for the control as a whole.
    /// </summary>
    public ControlStatus Standing { get; init; } = State.Status;
}

public sealed record SegmentFigure(string Segment, int Met, int Applicable)
{
    /// <summary>Met ÷ applicable, half up to one decimal (<see cref="Common.Percent"/>); null when nothing applies.</summary>
    public decimal? Percent => Common.Percent.Of(Met, Applicable);
}

/// <summary>A cell of the matrix: does the control apply to the segment under the model, and where it stands there.</summary>
public sealed record MatrixCell(string Segment, bool Applies, ControlStatus Status, bool Overdue);

/// <param name="Status">The control's one status (<see cref="ControlCompliance.StatusOf"/>), as the list and its page show it.</param>
public sealed record MatrixRow(ControlDefinition Control, IReadOnlyList<MatrixCell> Cells, ControlStatus Status);

public sealed record ControlMatrix(string Model, IReadOnlyList<SegmentFigure> Figures, IReadOnlyList<MatrixRow> Rows, IReadOnlyList<string> RetiredControlIds);
