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

    /// <summary>
    /// A control's one status, used on every page, dashboard and export that shows it: derived from its cells in the
    /// segments where it applies under the model, each cell from the per-system records (<see cref="CellStatus"/>).
    /// The rule the matrix uses, which looks at every system: every cell 実施済 is 実施済, every cell 未実施 is 未実施,
    /// every cell 対象外 is 対象外, and anything else (one system 一部実施 or 未実施 among 実施済 ones) is 一部実施.
    /// The guideline asks each measure of 三層の対策 of every segment and system it covers (DOMAIN §2.1–2.3, MIC
    /// ガイドライン 第3章 情報システム全体の強靭性の向上), so a control met on some systems only is not met.
    /// A control that applies to no segment under the model keeps its own recorded status.
    /// </summary>
    public static ControlStatus StatusOf(ControlStatus controlLevel, IEnumerable<MatrixCell> cells)
    {
        var applying = cells.Where(c => c.Applies).Select(c => c.Status).ToList();
        return applying.Count == 0 ? controlLevel : CellStatus(controlLevel, applying);
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
