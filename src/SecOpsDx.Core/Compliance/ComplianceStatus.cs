namespace SecOpsDx.Core.Compliance;

/// <summary>How an area stands: 良好, 要注意, 要対応 (in that order of severity).</summary>
public enum AreaStatus
{
    Good = 0,
    Attention = 1,
    Action = 2,
}

/// <summary>
/// Why an area is not 良好, as data the page words in the reader's language: what was measured
/// (<see cref="Code"/>), the figure, the line it crossed and, where it matters, which segment or severity.
/// Percentages are in percent (82.04), counts are whole numbers.
/// </summary>
public sealed record StatusReason(string Code, AreaStatus Level, double Value, double Limit, string? Subject = null);

/// <summary>The codes of <see cref="StatusReason"/>; each has a sentence `Reason.{Code}` in the web's resources.</summary>
public static class ReasonCodes
{
    public const string TrainingRateBelow = "TrainingRateBelow";
    public const string DrillClickRateAbove = "DrillClickRateAbove";
    public const string AcknowledgmentRateBelow = "AcknowledgmentRateBelow";
    public const string ReviewsOverdue = "ReviewsOverdue";
    public const string OrgansUnpublished = "OrgansUnpublished";
    public const string OlderGuidelineEdition = "OlderGuidelineEdition";
    public const string SegmentComplianceBelow = "SegmentComplianceBelow";
    public const string VerificationsOverdue = "VerificationsOverdue";
    public const string ExceptionsExpired = "ExceptionsExpired";
    public const string ExceptionsExpiring = "ExceptionsExpiring";
    public const string FindingsOpen = "FindingsOpen";
    public const string PpcDeadlineMissed = "PpcDeadlineMissed";
    public const string PpcDeadlineSoon = "PpcDeadlineSoon";
    public const string OpenAtHighestSeverity = "OpenAtHighestSeverity";

    public static readonly IReadOnlyList<string> All =
    [
        TrainingRateBelow, DrillClickRateAbove, AcknowledgmentRateBelow, OrgansUnpublished, ReviewsOverdue, OlderGuidelineEdition, SegmentComplianceBelow,
        VerificationsOverdue, ExceptionsExpired, ExceptionsExpiring, FindingsOpen, PpcDeadlineMissed, PpcDeadlineSoon, OpenAtHighestSeverity,
    ];
}
