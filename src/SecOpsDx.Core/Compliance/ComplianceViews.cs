using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Compliance;

/// <summary>
/// The CISO's one page for a 年度: the four areas with a status each. A manager's summary is scoped to a
/// department and its 課 (<see cref="DepartmentId"/> set) and has no incident area, as tickets belong to no department.
/// Training figures are as of <see cref="AsOf"/> (the year's last day, or today for the current 年度); policies,
/// controls and open incidents are as they stand today.
/// </summary>
public sealed record ComplianceSummary(
    FiscalYear Year, DateOnly AsOf, int? DepartmentId, string? DepartmentName, int StaffCount,
    TrainingArea Training, PolicyArea Policies, ControlArea Controls, IncidentArea? Incidents)
{
    public AreaStatus Overall => new[] { Training.Status, Policies.Status, Controls.Status, Incidents?.Status ?? AreaStatus.Good }.Max();
}

/// <summary>
/// A phishing drill's reach: recipients, how many clicked (or went further) and how many reported it, through the
/// button or by hand to a manager (<see cref="ReportedByHand"/> of them). No open rate: under α and α′ mail arrives as
/// text and opens are not measured (<see cref="Training.DrillMeasures"/>); <see cref="MailArrivesAsText"/> then warns that
/// some clicks may be the mail gateway's URL scanner.
/// </summary>
public sealed record DrillFigures(int Id, string Name, DateOnly HeldOn, int Sent, int Clicked, int Reported, int ReportedByHand, bool MailArrivesAsText)
{
    public double? ClickRate => Sent == 0 ? null : (double)Clicked / Sent;
    public double? ReportRate => Sent == 0 ? null : (double)Reported / Sent;
}

public sealed record TrainingArea(
    TrainingRate Overall, IReadOnlyList<DepartmentRateRow> ByDepartment, IReadOnlyList<TrendPoint> Trend, DrillFigures? LastDrill,
    AreaStatus Status, IReadOnlyList<StatusReason> Reasons)
{
    public int Overdue => Overall.Overdue;
}

public sealed record PolicyArea(
    int DocumentsInForce, int OverdueReviews, int OlderEdition, int Applicable, int Acknowledged,
    AreaStatus Status, IReadOnlyList<StatusReason> Reasons, int? UnpublishedOrgans = null)
{
    // UnpublishedOrgans: organs whose cybersecurity policy is not published (地方自治法 第244条の6); null before
    // 2026-04-01, when the duty applies, and in a manager's summary.

    /// <summary>Acknowledged ÷ applicable over every document in force (its latest material revision); null when nobody is asked.</summary>
    public double? AcknowledgmentRate => Applicable == 0 ? null : (double)Acknowledged / Applicable;
}

public sealed record ControlArea(
    string Model, IReadOnlyList<SegmentFigure> BySegment, int UnmetControls, int OverdueVerifications, int ExceptionsExpiring,
    int ExceptionsExpired, int? SelfCheckId, int? SelfCheckYear, int OpenFindings, AreaStatus Status, IReadOnlyList<StatusReason> Reasons);

public sealed record SeverityCount(string Severity, int Count);

public sealed record StateCount(Incidents.IncidentStatus Status, int Count);

public sealed record IncidentArea(
    int Open, IReadOnlyList<SeverityCount> BySeverity, IReadOnlyList<StateCount> ByState, int Untriaged,
    int PpcDueSoon, int PpcMissed, IReadOnlyList<Incidents.MonthStat> Months, IReadOnlyList<Incidents.MonthCategoryStat> MonthsByCategory,
    double? MedianHoursToTriage, double? MedianHoursToClose, AreaStatus Status, IReadOnlyList<StatusReason> Reasons)
{
    public int ReceivedInYear => Months.Sum(m => m.Received);
}
