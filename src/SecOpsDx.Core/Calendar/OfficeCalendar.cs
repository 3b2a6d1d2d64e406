namespace SecOpsDx.Core.Calendar;

/// <summary>
/// Days the municipal office is open. Closed on Saturdays, Sundays, national holidays (<see cref="JapaneseHolidays"/>),
/// the year-end/new-year closure (年末年始, 12/29–1/3 unless the municipality's ordinance says otherwise, per
/// 地方自治法 第4条の2) and any extra dates the municipality closes. Immutable, so one instance can be shared.
/// </summary>
public sealed class OfficeCalendar
{
    // A guard against calendars configured so that nothing is ever open; real gaps are under two weeks.
    private const int MaxClosedRun = 3660;

    private readonly int closureStart;
    private readonly int closureEnd;
    private readonly HashSet<DateOnly> extraClosedDates;

    /// <summary>The closure 12/29–1/3 and no extra closed dates.</summary>
    public static OfficeCalendar Default { get; } = new();

    /// <summary>
    /// The closure runs from (<paramref name="closureStartMonth"/>, <paramref name="closureStartDay"/>) to
    /// (<paramref name="closureEndMonth"/>, <paramref name="closureEndDay"/>), both included, every year; when the
    /// end comes before the start in the calendar it wraps over the new year, as the default does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A month or day does not exist (2/29 is allowed).</exception>
    public OfficeCalendar(
        int closureStartMonth = 12,
        int closureStartDay = 29,
        int closureEndMonth = 1,
        int closureEndDay = 3,
        IEnumerable<DateOnly>? extraClosedDates = null)
    {
        closureStart = MonthDayKey(closureStartMonth, closureStartDay, nameof(closureStartMonth), nameof(closureStartDay));
        closureEnd = MonthDayKey(closureEndMonth, closureEndDay, nameof(closureEndMonth), nameof(closureEndDay));
        this.extraClosedDates = extraClosedDates is null ? [] : [.. extraClosedDates];
    }

    /// <summary>True on a day the office is open for business.</summary>
    public bool IsOpen(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !IsInClosure(date)
        && !extraClosedDates.Contains(date)
        && !JapaneseHolidays.IsHoliday(date);

    /// <summary>True in the year-end/new-year closure, whatever the weekday.</summary>
    public bool IsInClosure(DateOnly date)
    {
        var key = date.Month * 100 + date.Day;
        return closureStart <= closureEnd
            ? key >= closureStart && key <= closureEnd
            : key >= closureStart || key <= closureEnd;
    }

    /// <summary><paramref name="date"/> itself when open, otherwise the first open day after it.</summary>
    public DateOnly NextOpenDay(DateOnly date)
    {
        for (var i = 0; i < MaxClosedRun; i++)
        {
            if (IsOpen(date)) return date;
            date = date.AddDays(1);
        }
        throw new InvalidOperationException($"The office calendar has no open day within {MaxClosedRun} days.");
    }

    /// <summary>
    /// The <paramref name="days"/>-th open day after <paramref name="start"/> (<paramref name="start"/> itself is not
    /// counted), or before it when negative. 0 gives <see cref="NextOpenDay"/>, so the result is always an open day.
    /// </summary>
    public DateOnly AddOpenDays(DateOnly start, int days)
    {
        if (days == 0) return NextOpenDay(start);
        var step = Math.Sign(days);
        var remaining = Math.Abs((long)days);
        var date = start;
        var closedRun = 0;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsOpen(date))
            {
                remaining--;
                closedRun = 0;
            }
            else if (++closedRun >= MaxClosedRun)
            {
                throw new InvalidOperationException($"The office calendar has no open day within {MaxClosedRun} days.");
            }
        }
        return date;
    }

    /// <summary>
    /// Open days in [<paramref name="from"/>, <paramref name="toExclusive"/>). Negative when
    /// <paramref name="toExclusive"/> is earlier: minus the open days in [<paramref name="toExclusive"/>, <paramref name="from"/>).
    /// </summary>
    public int OpenDaysBetween(DateOnly from, DateOnly toExclusive)
    {
        if (toExclusive < from) return -OpenDaysBetween(toExclusive, from);
        var count = 0;
        for (var d = from; d < toExclusive; d = d.AddDays(1))
        {
            if (IsOpen(d)) count++;
        }
        return count;
    }

    private static int MonthDayKey(int month, int day, string monthName, string dayName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1, monthName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12, monthName);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1, dayName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, DateTime.DaysInMonth(2000, month), dayName); // 2000: leap year
        return month * 100 + day;
    }
}
