namespace SecOpsDx.Core.Calendar;

/// <summary>
/// Periods the PPC sets for reports of a leak (個人情報保護法 第68条, 施行規則 第43条・第44条; 番号法 第29条の4 for
/// 特定個人情報), counted in calendar days (DOMAIN §4.4).
/// </summary>
public static class Deadlines
{
    /// <summary>
    /// The days on which the national government's offices are closed: Saturdays, Sundays, national holidays and
    /// 12/29–1/3 (行政機関の休日に関する法律 第1条第1項). The PPC is a national body, so its deadlines roll forward over
    /// these days only; a municipality's own closed days (an ordinance closure, an office move) never move them.
    /// </summary>
    public static OfficeCalendar NationalGovernment { get; } = new();

    /// <summary>
    /// The <paramref name="days"/>-th day of a period that counts the day of awareness as day 1. The PPC's guidelines
    /// (通則編 3-5-3-4; 特定個人情報 guideline for 行政機関等, 別添2) count the 確報 period from the moment of awareness, so
    /// the day one becomes aware is day 1 and 民法 第140条's 初日不算入 does not apply: aware on 4/1, day 30 is 4/30.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public static DateOnly DayOfPeriod(DateOnly awareDate, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return awareDate.AddDays(days - 1);
    }

    /// <summary>
    /// When the 確報 is due: day <paramref name="days"/> counting the day of awareness as day 1 (see <see cref="DayOfPeriod"/>),
    /// moved to the next day the national government is open when that day is a Saturday, Sunday, national holiday or
    /// in 12/29–1/3 and <paramref name="rollForwardOnClosedDay"/> is set (行政機関の休日に関する法律 第2条: a period for an
    /// act towards a national body that ends on its closed day ends on the next day).
    /// </summary>
    public static DateOnly FinalReportDueDate(DateOnly awareDate, int days, bool rollForwardOnClosedDay)
    {
        var last = DayOfPeriod(awareDate, days);
        return rollForwardOnClosedDay ? NationalGovernment.NextOpenDay(last) : last;
    }

    /// <summary>
    /// The 速報's day <paramref name="days"/>: 「速やかに」, which the PPC puts at about 3–5 days from awareness (通則編
    /// 3-5-3-3). It is a target, not a statutory period, so it is counted in calendar days and never stretched over
    /// weekends or 年末年始: aware on 12/27, day 3 is 12/29 and day 5 is 12/31, not 1/4.
    /// </summary>
    public static DateOnly PreliminaryReportDay(DateOnly awareDate, int days) => DayOfPeriod(awareDate, days);

    /// <summary>The last instant of <paramref name="date"/> in Japan: 23:59:59.9999999 +09:00.</summary>
    public static DateTimeOffset EndOfDayJapan(DateOnly date) =>
        new(date.ToDateTime(TimeOnly.MaxValue), JapanTime.Offset);
}
