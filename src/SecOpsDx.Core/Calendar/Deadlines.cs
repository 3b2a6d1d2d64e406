namespace SecOpsDx.Core.Calendar;

/// <summary>Statutory periods counted in calendar days (e.g. "within 30 days of becoming aware").</summary>
public static class Deadlines
{
    /// <summary>
    /// The last day of a period of <paramref name="days"/> calendar days. The day of awareness is not counted
    /// (初日不算入, 民法 第140条), so the period ends on <paramref name="awareDate"/> + <paramref name="days"/>.
    /// With <paramref name="rollForwardOnClosedDay"/>, a period ending on a day the office is closed ends on the next
    /// open day instead (行政機関の休日に関する法律 第2条; 地方自治法 第4条の2 第4項 for municipalities).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public static DateOnly DueDate(DateOnly awareDate, int days, bool rollForwardOnClosedDay, OfficeCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var due = awareDate.AddDays(days);
        return rollForwardOnClosedDay ? calendar.NextOpenDay(due) : due;
    }

    /// <summary>The last instant of <paramref name="date"/> in Japan: 23:59:59.9999999 +09:00.</summary>
    public static DateTimeOffset EndOfDayJapan(DateOnly date) =>
        new(date.ToDateTime(TimeOnly.MaxValue), JapanTime.Offset);
}
