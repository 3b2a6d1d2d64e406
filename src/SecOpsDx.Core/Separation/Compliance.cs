namespace SecOpsDx.Core.Separation;

/// <summary>The sums behind the CISO's matrix, kept apart from the database so they can be tested exhaustively.</summary>
public static class ControlCompliance
{
    /// <summary>
    /// Where a control stands in one segment. With systems of the segment recorded one by one, their statuses
    /// decide (対象外 ones left out): all met is met, none met or partly met is not met, anything else is partly
    /// met. Otherwise the control's own status counts for the segment.
    /// </summary>
    public static ControlStatus CellStatus(ControlStatus controlLevel, IEnumerable<ControlStatus> systemStatuses)
    {
        var counted = systemStatuses.ToList();
        if (counted.Count == 0) return controlLevel;
        var relevant = counted.Where(s => s != ControlStatus.NotApplicable).ToList();
        if (relevant.Count == 0) return ControlStatus.NotApplicable;
        if (relevant.All(s => s == ControlStatus.Met)) return ControlStatus.Met;
        if (relevant.All(s => s == ControlStatus.NotMet)) return ControlStatus.NotMet;
        return ControlStatus.Partial;
    }

    /// <summary>Compliance of a segment: met cells ÷ cells that apply (the model says so and nobody marked it 対象外).</summary>
    public static SegmentFigure Figure(string segment, IEnumerable<MatrixCell> cells)
    {
        var applicable = cells.Where(c => c.Segment == segment && c.Applies && c.Status != ControlStatus.NotApplicable).ToList();
        return new SegmentFigure(segment, applicable.Count(c => c.Status == ControlStatus.Met), applicable.Count);
    }

    public static ExceptionState StateOf(ControlException e, DateOnly today) =>
        e.ExpiresOn < today ? ExceptionState.Expired
        : e.ApprovedAt is null ? ExceptionState.Pending
        : e.ExpiresOn <= today.AddDays(ControlLimits.ExpiringWithinDays) ? ExceptionState.Expiring
        : ExceptionState.InForce;
}
