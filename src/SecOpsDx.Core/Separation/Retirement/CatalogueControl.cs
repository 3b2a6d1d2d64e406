namespace SecOpsDx.Core.Separation;

/// <summary>
/// A control id the catalogue has held, written when the app starts: its names and segments as last listed, when
/// it first appeared and, once a new catalogue no longer has it, when it was retired. Its statuses, verifications
/// and exceptions stay where they are, keyed by the same id; a retired control is read, never written to.
/// </summary>
public class CatalogueControl : IVersioned
{
    public int Id { get; set; }
    public required string ControlId { get; set; }
    public required string NameJa { get; set; }
    public required string NameEn { get; set; }
    /// <summary>The segment codes the control was listed for, comma-separated.</summary>
    public required string Segments { get; set; }
    public DateTimeOffset ListedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public int Version { get; set; }

    public IReadOnlyList<string> SegmentCodes => Segments.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
