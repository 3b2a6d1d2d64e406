using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Tests.Calendar;

public class DeadlinesTests
{
    // Worked by hand against the national calendar: the day of awareness is day 1 (PPC 通則編 3-5-3-4), and day N on a
    // Saturday, Sunday, national holiday or 12/29–1/3 moves to the next day none of these (行政機関の休日に関する法律 第2条).
    [Theory]
    // aware date, days, day N (weekday), due after roll-forward (weekday)
    [InlineData("2026-04-01", 30, "2026-04-30", DayOfWeek.Thursday, "2026-04-30", DayOfWeek.Thursday)]
    [InlineData("2026-01-08", 30, "2026-02-06", DayOfWeek.Friday, "2026-02-06", DayOfWeek.Friday)]
    [InlineData("2026-04-05", 30, "2026-05-04", DayOfWeek.Monday, "2026-05-07", DayOfWeek.Thursday)] // 5/4 みどりの日, 5/5 こどもの日, 5/6 振替休日
    [InlineData("2026-12-02", 30, "2026-12-31", DayOfWeek.Thursday, "2027-01-04", DayOfWeek.Monday)] // 年末年始 12/29–1/3
    [InlineData("2026-01-30", 30, "2026-02-28", DayOfWeek.Saturday, "2026-03-02", DayOfWeek.Monday)]
    [InlineData("2028-01-30", 30, "2028-02-28", DayOfWeek.Monday, "2028-02-28", DayOfWeek.Monday)] // leap year: 2/29 is day 31
    [InlineData("2026-03-31", 30, "2026-04-29", DayOfWeek.Wednesday, "2026-04-30", DayOfWeek.Thursday)] // 昭和の日, across the 年度
    [InlineData("2026-08-23", 30, "2026-09-21", DayOfWeek.Monday, "2026-09-24", DayOfWeek.Thursday)] // 敬老の日, 国民の休日, 秋分の日
    [InlineData("2026-06-01", 60, "2026-07-30", DayOfWeek.Thursday, "2026-07-30", DayOfWeek.Thursday)] // 不正の目的: 60 days
    [InlineData("2026-03-02", 1, "2026-03-02", DayOfWeek.Monday, "2026-03-02", DayOfWeek.Monday)]
    public void The_final_report_is_due_on_day_N_counting_the_day_of_awareness_rolled_over_national_closed_days(
        string aware, int days, string dayN, DayOfWeek dayNWeekday, string due, DayOfWeek dueWeekday)
    {
        var awareDate = Parse(aware);
        var expectedDayN = Parse(dayN);
        var expectedDue = Parse(due);
        Assert.Equal(dayNWeekday, expectedDayN.DayOfWeek);
        Assert.Equal(dueWeekday, expectedDue.DayOfWeek);
        Assert.Equal(days, expectedDayN.DayNumber - awareDate.DayNumber + 1);

        Assert.Equal(expectedDayN, Deadlines.DayOfPeriod(awareDate, days));
        Assert.Equal(expectedDayN, Deadlines.FinalReportDueDate(awareDate, days, rollForwardOnClosedDay: false));
        Assert.Equal(expectedDue, Deadlines.FinalReportDueDate(awareDate, days, rollForwardOnClosedDay: true));
    }

    [Fact]
    public void The_day_of_awareness_is_day_one()
    {
        var friday = new DateOnly(2026, 1, 16);

        Assert.Equal(friday, Deadlines.DayOfPeriod(friday, 1));
        Assert.Equal(new DateOnly(2026, 1, 18), Deadlines.DayOfPeriod(friday, 3));
    }

    [Fact]
    public void The_preliminary_report_is_never_moved_over_a_weekend_or_the_new_year()
    {
        // Aware on Sunday 12/27: day 3 is 12/29 and day 5 is 12/31, both in 年末年始; nothing moves them to 1/4.
        var aware = new DateOnly(2026, 12, 27);

        Assert.Equal(new DateOnly(2026, 12, 29), Deadlines.PreliminaryReportDay(aware, 3));
        Assert.Equal(new DateOnly(2026, 12, 31), Deadlines.PreliminaryReportDay(aware, 5));
        // Aware Thursday 4/30: day 3 is Saturday 5/2, day 5 is 5/4 (みどりの日), in Golden Week.
        Assert.Equal(new DateOnly(2026, 5, 2), Deadlines.PreliminaryReportDay(new DateOnly(2026, 4, 30), 3));
        Assert.Equal(new DateOnly(2026, 5, 4), Deadlines.PreliminaryReportDay(new DateOnly(2026, 4, 30), 5));
    }

    [Fact]
    public void The_national_calendar_closes_weekends_holidays_and_the_new_year_and_nothing_else()
    {
        var national = Deadlines.NationalGovernment;

        Assert.False(national.IsOpen(new DateOnly(2026, 12, 29)));
        Assert.False(national.IsOpen(new DateOnly(2027, 1, 3)));
        Assert.False(national.IsOpen(new DateOnly(2026, 11, 23))); // 勤労感謝の日
        Assert.True(national.IsOpen(new DateOnly(2026, 12, 28)));
        Assert.True(national.IsOpen(new DateOnly(2027, 1, 4)));
    }

    [Fact]
    public void A_period_of_less_than_one_day_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Deadlines.DayOfPeriod(new DateOnly(2026, 1, 16), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Deadlines.FinalReportDueDate(new DateOnly(2026, 1, 16), -1, true));
    }

    [Fact]
    public void End_of_day_in_Japan_is_the_last_tick_before_midnight_at_plus_nine()
    {
        var end = Deadlines.EndOfDayJapan(new DateOnly(2026, 3, 2));

        Assert.Equal(TimeSpan.FromHours(9), end.Offset);
        Assert.Equal(new DateTime(2026, 3, 2, 23, 59, 59).AddTicks(9_999_999), end.DateTime);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), end.ToUniversalTime());
        Assert.Equal(new DateOnly(2026, 3, 2), JapanTime.DateOf(end));
        Assert.Equal(new DateOnly(2026, 3, 3), JapanTime.DateOf(end.AddTicks(1)));
    }

    [Fact]
    public void End_of_day_in_Japan_works_at_the_ends_of_the_DateOnly_range()
    {
        Assert.Equal(DateOnly.MinValue, JapanTime.DateOf(Deadlines.EndOfDayJapan(DateOnly.MinValue)));
        Assert.Equal(DateOnly.MaxValue, JapanTime.DateOf(Deadlines.EndOfDayJapan(DateOnly.MaxValue)));
    }

    private static DateOnly Parse(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
