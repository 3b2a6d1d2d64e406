namespace SecOpsDx.Core.Compliance;

/// <summary>
/// "SecOpsDx:Compliance": the thresholds that turn the dashboard's figures into 良好 / 要注意 / 要対応. Percentages
/// are whole-number percent (90 = 90 %). A figure at or above a "Good" line is fine; below the "Action" line it
/// needs action; between the two it needs attention. For click rates it is the other way round.
/// </summary>
public sealed class ComplianceSettings
{
    public const string Section = "SecOpsDx:Compliance";

    public double TrainingGoodPercent { get; set; } = 90;
    public double TrainingActionPercent { get; set; } = 75;

    /// <summary>Share of a phishing drill's recipients who clicked, above which the drill needs attention / action.</summary>
    public double DrillClickAttentionPercent { get; set; } = 10;
    public double DrillClickActionPercent { get; set; } = 20;

    public double AcknowledgmentGoodPercent { get; set; } = 90;
    public double AcknowledgmentActionPercent { get; set; } = 70;

    /// <summary>Compliance (met ÷ applicable) of the weakest segment of 三層の対策.</summary>
    public double SegmentGoodPercent { get; set; } = 90;
    public double SegmentActionPercent { get; set; } = 70;

    /// <summary>A PPC 速報/確報 due within this many hours counts as approaching.</summary>
    public int PpcDueSoonHours { get; set; } = 48;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Pair(string good, double goodValue, string action, double actionValue)
        {
            if (goodValue is < 0 or > 100) problems.Add($"{Section}:{good} must be between 0 and 100");
            if (actionValue is < 0 or > 100) problems.Add($"{Section}:{action} must be between 0 and 100");
            if (actionValue > goodValue) problems.Add($"{Section}:{action} must not be above {good}");
        }
        Pair(nameof(TrainingGoodPercent), TrainingGoodPercent, nameof(TrainingActionPercent), TrainingActionPercent);
        Pair(nameof(AcknowledgmentGoodPercent), AcknowledgmentGoodPercent, nameof(AcknowledgmentActionPercent), AcknowledgmentActionPercent);
        Pair(nameof(SegmentGoodPercent), SegmentGoodPercent, nameof(SegmentActionPercent), SegmentActionPercent);
        // Click rates: lower is better, so the attention line sits below the action line.
        Pair(nameof(DrillClickActionPercent), DrillClickActionPercent, nameof(DrillClickAttentionPercent), DrillClickAttentionPercent);
        if (PpcDueSoonHours is < 1 or > 24 * 30) problems.Add($"{Section}:{nameof(PpcDueSoonHours)} must be between 1 and 720");
        return problems;
    }
}
