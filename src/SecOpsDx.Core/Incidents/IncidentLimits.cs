namespace SecOpsDx.Core.Incidents;

/// <summary>
/// The longest text each field of a ticket keeps, in characters. One list for the use cases that check them, the
/// database columns that hold them and the pages that show a counter beside them.
/// </summary>
public static class IncidentLimits
{
    public const int Title = 200;
    public const int Description = 20_000;
    /// <summary>Where it happened; the systems or devices involved.</summary>
    public const int Place = 500;
    public const int ReporterName = 100;
    public const int ReporterOrganization = 200;
    public const int ReporterPhone = 40;
    public const int TimelineText = 10_000;
    public const int TaskTitle = 300;
    public const int EvidenceNote = 1_000;
    public const int ReportNote = 2_000;
    /// <summary>How a report or notice was made (郵送, 電話, …).</summary>
    public const int ReportMethod = 200;
    /// <summary>Each field of the regulator's report form but 本人の数, and the closing texts and 非該当 reason.</summary>
    public const int LongText = 4_000;
    public const int AffectedPeople = 1_000;
}
