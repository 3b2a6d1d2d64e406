namespace SecOpsDx.Core.Calendar;

/// <summary>
/// When the municipal office is open: not on Saturdays, Sundays, national holidays or the year-end closure
/// (12/29–1/3 by ordinance, adjustable), nor on extra closed days a municipality adds.
/// </summary>
public sealed class OfficeCalendar(
    (int Month, int Day) yearEndClosureStart = default, (int Month, int Day) yearEndClosureEnd = default,
    IEnumerable<DateOnly>? extraClosedDays = null)
{
    private readonly (int Month, int Day) _closureStart = yearEndClosureStart == default ? (12, 29) : yearEndClosureStart;
    private readonly (int Month, int Day) _closureEnd = yearEndClosureEnd == default ? (1, 3) : yearEndClosureEnd;
    private readonly HashSet<DateOnly> _extra = [.. extraClosedDays ?? []];

    public static OfficeCalendar Default { get; } = new();

    public bool IsOpen(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !JapaneseHolidays.IsHoliday(date)
        && !InYearEndClosure(date)
        && !_extra.Contains(date);

    /// <summary>The day itself when open, else the first open day after it.</summary>
    public DateOnly NextOpenDay(DateOnly date)
    {
        while (!IsOpen(date)) date = date.AddDays(1);
        return date;
    }

    /// <summary>The open day that is <paramref name="days"/> open days after <paramref name="start"/>.</summary>
    public DateOnly AddOpenDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var d = start;
        for (var added = 0; added < days;)
        {
            d = d.AddDays(1);
            if (IsOpen(d)) added++;
        }
        return d;
    }

    public int OpenDaysBetween(DateOnly from, DateOnly toExclusive)
    {
        var count = 0;
        for (var d = from; d < toExclusive; d = d.AddDays(1)) if (IsOpen(d)) count++;
        return count;
    }

    private bool InYearEndClosure(DateOnly d)
    {
        var md = (d.Month, d.Day);
        return Compare(md, _closureStart) >= 0 || Compare(md, _closureEnd) <= 0;
    }

    private static int Compare((int Month, int Day) a, (int Month, int Day) b) =>
        a.Month != b.Month ? a.Month.CompareTo(b.Month) : a.Day.CompareTo(b.Day);
}

/// <summary>Statutory periods counted in calendar days.</summary>
public static class Deadlines
{
    /// <summary>
    /// 初日不算入: the day of awareness is not counted, so the period ends <paramref name="days"/> days after it.
    /// When <paramref name="rollForwardOnClosedDay"/>, a period ending on a closed day ends on the next open day
    /// (行政機関の休日に関する法律 第2条).
    /// </summary>
    public static DateOnly DueDate(DateOnly awareDate, int days, bool rollForwardOnClosedDay, OfficeCalendar calendar)
    {
        var due = awareDate.AddDays(days);
        return rollForwardOnClosedDay ? calendar.NextOpenDay(due) : due;
    }

    /// <summary>The last moment of a Japanese date.</summary>
    public static DateTimeOffset EndOfDayJapan(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), JapanTime.Offset);
}
