namespace SecOpsDx.Core.Compliance;

/// <summary>
/// The status rules, kept apart from the database so they can be tested on their own: each rule that fires adds
/// a reason, and an area's status is the worst of its reasons (良好 when none fires). A figure that cannot be
/// computed (nobody assigned, no drill, nothing applicable) fires nothing.
/// </summary>
public static class ComplianceRules
{
    public static AreaStatus StatusOf(IEnumerable<StatusReason> reasons) =>
        reasons.Select(r => r.Level).DefaultIfEmpty(AreaStatus.Good).Max();

    public static IReadOnlyList<StatusReason> Training(ComplianceSettings s, double? completionRate, double? drillClickRate)
    {
        var reasons = new List<StatusReason>();
        if (Below(completionRate, s.TrainingGoodPercent, s.TrainingActionPercent) is { } t)
            reasons.Add(new StatusReason(ReasonCodes.TrainingRateBelow, t.Level, t.Percent, t.Limit));
        if (drillClickRate is { } click)
        {
            var percent = (double)Common.Percent.Of(click)!.Value;
            if (percent > s.DrillClickActionPercent)
                reasons.Add(new StatusReason(ReasonCodes.DrillClickRateAbove, AreaStatus.Action, percent, s.DrillClickActionPercent));
            else if (percent > s.DrillClickAttentionPercent)
                reasons.Add(new StatusReason(ReasonCodes.DrillClickRateAbove, AreaStatus.Attention, percent, s.DrillClickAttentionPercent));
        }
        return reasons;
    }

    /// <param name="unpublishedOrgans">Organs without a published policy; null before 地方自治法 第244条の6 applies (2026-04-01).</param>
    public static IReadOnlyList<StatusReason> Policies(ComplianceSettings s, double? acknowledgmentRate, int overdueReviews, int olderEdition,
        int? unpublishedOrgans = null)
    {
        var reasons = new List<StatusReason>();
        // A duty of law (地方自治法 第244条の6, from 2026-04-01) left undone: 要対応, not a matter of degree.
        if (unpublishedOrgans is > 0) reasons.Add(new StatusReason(ReasonCodes.OrgansUnpublished, AreaStatus.Action, unpublishedOrgans.Value, 0));
        if (Below(acknowledgmentRate, s.AcknowledgmentGoodPercent, s.AcknowledgmentActionPercent) is { } a)
            reasons.Add(new StatusReason(ReasonCodes.AcknowledgmentRateBelow, a.Level, a.Percent, a.Limit));
        if (overdueReviews > 0) reasons.Add(new StatusReason(ReasonCodes.ReviewsOverdue, AreaStatus.Attention, overdueReviews, 0));
        if (olderEdition > 0) reasons.Add(new StatusReason(ReasonCodes.OlderGuidelineEdition, AreaStatus.Attention, olderEdition, 0));
        return reasons;
    }

    public static IReadOnlyList<StatusReason> Controls(ComplianceSettings s, IEnumerable<Separation.SegmentFigure> segments, int overdueVerifications,
        int exceptionsExpiring, int exceptionsExpired, int openFindings)
    {
        var reasons = new List<StatusReason>();
        foreach (var seg in segments)
        {
            if (seg.Applicable == 0) continue;
            if (Below((double)seg.Met / seg.Applicable, s.SegmentGoodPercent, s.SegmentActionPercent) is { } b)
                reasons.Add(new StatusReason(ReasonCodes.SegmentComplianceBelow, b.Level, b.Percent, b.Limit, seg.Segment));
        }
        if (exceptionsExpired > 0) reasons.Add(new StatusReason(ReasonCodes.ExceptionsExpired, AreaStatus.Action, exceptionsExpired, 0));
        if (exceptionsExpiring > 0) reasons.Add(new StatusReason(ReasonCodes.ExceptionsExpiring, AreaStatus.Attention, exceptionsExpiring, 0));
        if (overdueVerifications > 0) reasons.Add(new StatusReason(ReasonCodes.VerificationsOverdue, AreaStatus.Attention, overdueVerifications, 0));
        if (openFindings > 0) reasons.Add(new StatusReason(ReasonCodes.FindingsOpen, AreaStatus.Attention, openFindings, 0));
        return reasons;
    }

    public static IReadOnlyList<StatusReason> Incidents(int ppcMissed, int ppcDueSoon, int dueSoonHours, string? highestSeverity, int openAtHighest)
    {
        var reasons = new List<StatusReason>();
        if (ppcMissed > 0) reasons.Add(new StatusReason(ReasonCodes.PpcDeadlineMissed, AreaStatus.Action, ppcMissed, 0));
        if (ppcDueSoon > 0) reasons.Add(new StatusReason(ReasonCodes.PpcDeadlineSoon, AreaStatus.Attention, ppcDueSoon, dueSoonHours));
        if (openAtHighest > 0 && highestSeverity is not null)
            reasons.Add(new StatusReason(ReasonCodes.OpenAtHighestSeverity, AreaStatus.Attention, openAtHighest, 0, highestSeverity));
        return reasons;
    }

    /// <summary>
    /// A rate (0..1) against a good line and an action line in percent; null when it is fine or unknown. Judged on the
    /// percent as shown (<see cref="Common.Percent"/>), so a reason never reads "90.0% &lt; 90%".
    /// </summary>
    private static (AreaStatus Level, double Percent, double Limit)? Below(double? rate, double goodPercent, double actionPercent)
    {
        if (Common.Percent.Of(rate) is not { } shown) return null;
        var percent = (double)shown;
        if (percent < actionPercent) return (AreaStatus.Action, percent, actionPercent);
        if (percent < goodPercent) return (AreaStatus.Attention, percent, goodPercent);
        return null;
    }
}
