namespace SecOpsDx.Core.Separation;

/// <summary>Where a retired control stood in one segment when it was last recorded.</summary>
public sealed record RetiredSegmentStatus(string Segment, ControlStatus Status);

/// <summary>Where a retired control stood on one system when it was last recorded.</summary>
public sealed record RetiredSystemStatus(int SystemId, string SystemName, string Segment, ControlStatus Status, DateOnly? LastVerifiedOn);

/// <summary>
/// A control that left the catalogue, as the CISO office reads it: its last recorded standing, its last
/// verification and any exception still open. RetiredAt null: retired before the app kept the date.
/// </summary>
public sealed record RetiredControlRow(
    string ControlId, string NameJa, string NameEn, DateTimeOffset? RetiredAt, string? Owner, ControlStatus? Status,
    IReadOnlyList<RetiredSegmentStatus> Segments, IReadOnlyList<RetiredSystemStatus> Systems,
    DateOnly? LastVerifiedOn, string? LastVerifiedBy, IReadOnlyList<ExceptionRow> OpenExceptions)
{
    public string Name(bool english) => english ? NameEn : NameJa;
}
