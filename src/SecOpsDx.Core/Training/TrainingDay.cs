using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Training;

/// <summary>
/// The one place that decides "overdue" (期限超過) in training: the day a standing is taken (<see cref="AsOf"/>: who is in
/// post, in which department, who has completed by then) and the day its deadlines are judged (<see cref="JudgedOn"/>,
/// Japan's date). Every rate, overdue list, course list, dashboard, export and reminder asks here.
/// </summary>
/// <remarks>
/// A due date (受講期限) is still in time on the day itself: a period ends at the end of its last day
/// (民法第141条「期間は、その末日の終了をもって満了する」). So a course due 2026-03-31 is not overdue on 2026-03-31 and
/// is overdue from 2026-04-01 for everyone assigned who has neither completed it nor been exempted.
/// A finished 年度 (4月1日〜3月31日, DOMAIN §5) is taken as of its last day but judged today, so the people who never
/// took its courses count as overdue once the due date has passed, in every 年度.
/// </remarks>
public readonly record struct TrainingDay(DateOnly AsOf, DateOnly JudgedOn)
{
    /// <summary>After the due date, and not on it (民法第141条: the period ends at the end of its last day).</summary>
    public static bool IsOverdue(DateOnly dueOn, DateOnly judgedOn) => dueOn < judgedOn;

    public bool IsOverdue(DateOnly dueOn) => IsOverdue(dueOn, JudgedOn);

    /// <summary>A standing taken and judged on the same day (today, or a day asked for explicitly).</summary>
    public static TrainingDay On(DateOnly day) => new(day, day);

    /// <summary>
    /// A 年度 as it is shown on <paramref name="today"/> (Japan's date): a finished one as of its last day, judged today;
    /// the current one (or one not begun) as of and judged today.
    /// </summary>
    public static TrainingDay For(FiscalYear year, DateOnly today) =>
        year.LastDay < today ? new TrainingDay(year.LastDay, today) : On(today);
}
