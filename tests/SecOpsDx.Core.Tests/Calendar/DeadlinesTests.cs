using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Tests.Calendar;

public class DeadlinesTests
{
    [Theory]
    // aware date, days, period end (weekday), with roll-forward (weekday)
    [InlineData("2026-01-30", 30, "2026-03-01", DayOfWeek.Sunday, "2026-03-02", DayOfWeek.Monday)]
    [InlineData("2027-01-29", 30, "2027-02-28", DayOfWeek.Sunday, "2027-03-01", DayOfWeek.Monday)]
    [InlineData("2028-01-30", 30, "2028-02-29", DayOfWeek.Tuesday, "2028-02-29", DayOfWeek.Tuesday)]
    [InlineData("2026-12-01", 30, "2026-12-31", DayOfWeek.Thursday, "2027-01-04", DayOfWeek.Monday)]
    [InlineData("2026-01-16", 3, "2026-01-19", DayOfWeek.Monday, "2026-01-19", DayOfWeek.Monday)]
    [InlineData("2026-01-09", 3, "2026-01-12", DayOfWeek.Monday, "2026-01-13", DayOfWeek.Tuesday)] // 成人の日
    [InlineData("2026-04-30", 3, "2026-05-03", DayOfWeek.Sunday, "2026-05-07", DayOfWeek.Thursday)] // Golden Week
    [InlineData("2026-08-22", 31, "2026-09-22", DayOfWeek.Tuesday, "2026-09-24", DayOfWeek.Thursday)] // Silver Week
    [InlineData("2026-03-02", 0, "2026-03-02", DayOfWeek.Monday, "2026-03-02", DayOfWeek.Monday)]
    public void The_due_date_is_the_aware_date_plus_the_period_rolled_to_an_open_day_when_asked(
        string aware, int days, string periodEnd, DayOfWeek periodEndWeekday, string rolled, DayOfWeek rolledWeekday)
    {
        var awareDate = Parse(aware);
        var expectedEnd = Parse(periodEnd);
        var expectedRolled = Parse(rolled);
        Assert.Equal(periodEndWeekday, expectedEnd.DayOfWeek);
        Assert.Equal(rolledWeekday, expectedRolled.DayOfWeek);
        Assert.Equal(days, expectedEnd.DayNumber - awareDate.DayNumber);

        Assert.Equal(expectedEnd, Deadlines.DueDate(awareDate, days, rollForwardOnClosedDay: false, OfficeCalendar.Default));
        Assert.Equal(expectedRolled, Deadlines.DueDate(awareDate, days, rollForwardOnClosedDay: true, OfficeCalendar.Default));
    }

    [Fact]
    public void The_day_of_awareness_is_not_counted()
    {
        var friday = new DateOnly(2026, 1, 16);

        // One day from Friday is Saturday, not Friday itself.
        Assert.Equal(new DateOnly(2026, 1, 17), Deadlines.DueDate(friday, 1, false, OfficeCalendar.Default));
    }

    [Fact]
    public void Rolling_forward_uses_the_given_calendar()
    {
        var monday = new DateOnly(2026, 1, 19);
        var closedThatMonday = new OfficeCalendar(extraClosedDates: [monday]);

        Assert.Equal(monday, Deadlines.DueDate(new DateOnly(2026, 1, 16), 3, true, OfficeCalendar.Default));
        Assert.Equal(new DateOnly(2026, 1, 20), Deadlines.DueDate(new DateOnly(2026, 1, 16), 3, true, closedThatMonday));
    }

    [Fact]
    public void A_negative_period_or_a_missing_calendar_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Deadlines.DueDate(new DateOnly(2026, 1, 16), -1, true, OfficeCalendar.Default));
        Assert.Throws<ArgumentNullException>(() => Deadlines.DueDate(new DateOnly(2026, 1, 16), 3, true, null!));
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
