using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Tests.Incidents;

public sealed class HolidayTests
{
    [Fact]
    public void The_holidays_of_2026_are_the_ones_in_the_official_calendar()
    {
        string[] expected =
        [
            "2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29", "2026-05-03", "2026-05-04",
            "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11", "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12",
            "2026-11-03", "2026-11-23",
        ];

        Assert.Equal(expected, JapaneseHolidays.InYear(2026).Select(h => h.Date.ToString("yyyy-MM-dd")));
        Assert.Equal("振替休日", JapaneseHolidays.NameOf(new DateOnly(2026, 5, 6)));
        Assert.Equal("国民の休日", JapaneseHolidays.NameOf(new DateOnly(2026, 9, 22)));
    }

    [Theory]
    [InlineData("2019-04-30", "国民の休日")]
    [InlineData("2019-05-01", "天皇の即位の日")]
    [InlineData("2019-05-06", "振替休日")]
    [InlineData("2020-07-24", "スポーツの日")]
    [InlineData("2021-08-09", "振替休日")]
    [InlineData("2025-02-24", "振替休日")]
    [InlineData("2025-11-24", "振替休日")]
    [InlineData("2015-09-22", "国民の休日")]
    public void Special_and_substitute_holidays_are_known(string date, string name)
    {
        Assert.Equal(name, JapaneseHolidays.NameOf(DateOnly.Parse(date)));
    }

    [Fact]
    public void The_office_is_closed_over_new_year_and_opens_on_the_first_weekday_after()
    {
        var office = OfficeCalendar.Default;

        Assert.True(office.IsOpen(new DateOnly(2026, 12, 28)));
        Assert.False(office.IsOpen(new DateOnly(2026, 12, 29)));
        Assert.Equal(new DateOnly(2027, 1, 4), office.NextOpenDay(new DateOnly(2026, 12, 29)));
        Assert.Equal(new DateOnly(2026, 5, 7), office.AddOpenDays(new DateOnly(2026, 5, 1), 1));
    }
}
