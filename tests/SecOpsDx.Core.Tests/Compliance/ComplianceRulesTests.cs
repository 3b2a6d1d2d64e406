using SecOpsDx.Core.Compliance;
using SecOpsDx.Core.Separation;

namespace SecOpsDx.Core.Tests.Compliance;

/// <summary>How figures become 良好 / 要注意 / 要対応, on the default lines and on lines a municipality sets.</summary>
public sealed class ComplianceRulesTests
{
    private static readonly ComplianceSettings Defaults = new();

    [Theory]
    [InlineData(0.95, AreaStatus.Good)]
    [InlineData(0.90, AreaStatus.Good)]
    [InlineData(0.82, AreaStatus.Attention)]
    [InlineData(0.75, AreaStatus.Attention)]
    [InlineData(0.7449, AreaStatus.Action)]
    [InlineData(0.7499, AreaStatus.Attention)] // shown as 75.0%: judged on the figure the reader sees, never "75.0% < 75%"
    [InlineData(null, AreaStatus.Good)]
    public void The_training_rate_is_judged_against_the_good_and_the_action_lines(double? rate, AreaStatus expected) =>
        Assert.Equal(expected, ComplianceRules.StatusOf(ComplianceRules.Training(Defaults, rate, null)));

    [Fact]
    public void The_reason_carries_the_figure_rounded_as_shown_7_of_13_is_53_8()
    {
        var reason = Assert.Single(ComplianceRules.Controls(Defaults, [new SegmentFigure("lgwan", 7, 13)], 0, 0, 0, 0));

        Assert.Equal(53.8, reason.Value);
        Assert.Equal(53.8m, new SegmentFigure("lgwan", 7, 13).Percent);
    }

    [Fact]
    public void The_reason_carries_the_figure_and_the_line_it_fell_below()
    {
        var reason = Assert.Single(ComplianceRules.Training(Defaults, 0.82, null));

        Assert.Equal(ReasonCodes.TrainingRateBelow, reason.Code);
        Assert.Equal(82.0, reason.Value, 6);
        Assert.Equal(90.0, reason.Limit);
        Assert.Equal(AreaStatus.Attention, reason.Level);
    }

    [Fact]
    public void Lines_from_settings_move_the_status()
    {
        var strict = new ComplianceSettings { TrainingGoodPercent = 98, TrainingActionPercent = 95 };

        Assert.Equal(AreaStatus.Action, ComplianceRules.StatusOf(ComplianceRules.Training(strict, 0.94, null)));
        Assert.Equal(AreaStatus.Good, ComplianceRules.StatusOf(ComplianceRules.Training(Defaults, 0.94, null)));
    }

    [Theory]
    [InlineData(0.05, AreaStatus.Good)]
    [InlineData(0.10, AreaStatus.Good)]
    [InlineData(0.15, AreaStatus.Attention)]
    [InlineData(0.25, AreaStatus.Action)]
    public void A_drill_where_many_clicked_needs_attention_or_action(double clickRate, AreaStatus expected) =>
        Assert.Equal(expected, ComplianceRules.StatusOf(ComplianceRules.Training(Defaults, 1.0, clickRate)));

    [Fact]
    public void The_worst_reason_decides_and_every_reason_is_kept()
    {
        var reasons = ComplianceRules.Policies(Defaults, 0.6, overdueReviews: 2, olderEdition: 1);

        Assert.Equal(AreaStatus.Action, ComplianceRules.StatusOf(reasons));
        Assert.Equal([ReasonCodes.AcknowledgmentRateBelow, ReasonCodes.ReviewsOverdue, ReasonCodes.OlderGuidelineEdition], reasons.Select(r => r.Code).ToArray());
        Assert.Equal(2, reasons[1].Value);
        Assert.Empty(ComplianceRules.Policies(Defaults, 0.95, 0, 0));
    }

    [Fact]
    public void Each_weak_segment_is_named_and_expired_exceptions_need_action()
    {
        SegmentFigure[] segments = [new("mynumber", 10, 10), new("lgwan", 8, 10), new("internet", 0, 0)];

        var reasons = ComplianceRules.Controls(Defaults, segments, overdueVerifications: 0, exceptionsExpiring: 0, exceptionsExpired: 0, openFindings: 0);
        var weak = Assert.Single(reasons);
        Assert.Equal(("lgwan", AreaStatus.Attention, 80.0), (weak.Subject, weak.Level, weak.Value));

        Assert.Equal(AreaStatus.Action, ComplianceRules.StatusOf(ComplianceRules.Controls(Defaults, [new("lgwan", 10, 10)], 0, 0, 1, 0)));
        Assert.Equal(AreaStatus.Attention, ComplianceRules.StatusOf(ComplianceRules.Controls(Defaults, [new("lgwan", 10, 10)], 3, 0, 0, 0)));
        Assert.Equal(AreaStatus.Good, ComplianceRules.StatusOf(ComplianceRules.Controls(Defaults, [new("lgwan", 10, 10)], 0, 0, 0, 0)));
    }

    [Fact]
    public void A_missed_PPC_deadline_needs_action_and_one_coming_up_needs_attention()
    {
        Assert.Equal(AreaStatus.Action, ComplianceRules.StatusOf(ComplianceRules.Incidents(1, 0, 48, "critical", 0)));
        var soon = Assert.Single(ComplianceRules.Incidents(0, 2, 48, "critical", 0));
        Assert.Equal((ReasonCodes.PpcDeadlineSoon, 2.0, 48.0), (soon.Code, soon.Value, soon.Limit));
        Assert.Equal(AreaStatus.Good, ComplianceRules.StatusOf(ComplianceRules.Incidents(0, 0, 48, "critical", 0)));
    }

    [Fact]
    public void Settings_that_cannot_be_used_are_named()
    {
        Assert.Empty(Defaults.Problems());
        var bad = new ComplianceSettings { TrainingGoodPercent = 80, TrainingActionPercent = 85, DrillClickAttentionPercent = 30, SegmentGoodPercent = 120, PpcDueSoonHours = 0 };

        var problems = bad.Problems();

        Assert.Contains(problems, p => p.Contains("TrainingActionPercent must not be above TrainingGoodPercent"));
        Assert.Contains(problems, p => p.Contains("DrillClickAttentionPercent must not be above DrillClickActionPercent"));
        Assert.Contains(problems, p => p.Contains("SegmentGoodPercent must be between 0 and 100"));
        Assert.Contains(problems, p => p.Contains("PpcDueSoonHours"));
    }

    [Fact]
    public void The_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones()
    {
        Assert.Null(SecOpsDx.Core.Incidents.IncidentQueries.MedianHours([]));
        Assert.Equal(2.0, SecOpsDx.Core.Incidents.IncidentQueries.MedianHours([TimeSpan.FromHours(10), TimeSpan.FromHours(1), TimeSpan.FromHours(2)]));
        Assert.Equal(1.5, SecOpsDx.Core.Incidents.IncidentQueries.MedianHours([TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(30), TimeSpan.FromHours(1)]));
    }
}
