using SecOpsDx.Core.Calendar;

using static System.DayOfWeek;

namespace SecOpsDx.Core.Tests.Calendar;

public class OfficeCalendarTests
{
    private static readonly OfficeCalendar Calendar = OfficeCalendar.Default;

    private static DateOnly D(int y, int m, int d, DayOfWeek expectedWeekday)
    {
        var date = new DateOnly(y, m, d);
        // Guards the literals in these tests against a misremembered weekday.
        Assert.Equal(expectedWeekday, date.DayOfWeek);
        return date;
    }

    [Fact]
    public void Weekdays_are_open_and_weekends_are_closed()
    {
        Assert.True(Calendar.IsOpen(D(2026, 1, 16, Friday)));
        Assert.False(Calendar.IsOpen(D(2026, 1, 17, Saturday)));
        Assert.False(Calendar.IsOpen(D(2026, 1, 18, Sunday)));
        Assert.True(Calendar.IsOpen(D(2026, 1, 19, Monday)));
    }

    [Fact]
    public void National_holidays_substitute_holidays_and_citizens_holidays_are_closed()
    {
        Assert.False(Calendar.IsOpen(D(2026, 1, 12, Monday)));    // 成人の日
        Assert.False(Calendar.IsOpen(D(2026, 5, 6, Wednesday)));  // 振替休日
        Assert.False(Calendar.IsOpen(D(2026, 9, 22, Tuesday)));   // 国民の休日
        Assert.True(Calendar.IsOpen(D(2026, 9, 24, Thursday)));
    }

    public static TheoryData<DateOnly> YearEndClosureDays()
    {
        var data = new TheoryData<DateOnly>();
        foreach (var first in new[] { new DateOnly(2025, 12, 29), new DateOnly(2026, 12, 29), new DateOnly(2027, 12, 29) })
        {
            for (var i = 0; i < 6; i++) data.Add(first.AddDays(i));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(YearEndClosureDays))]
    public void Every_day_from_December_29_to_January_3_is_closed(DateOnly date)
    {
        Assert.True(date is { Month: 12, Day: >= 29 } or { Month: 1, Day: <= 3 });
        Assert.True(Calendar.IsInClosure(date));
        Assert.False(Calendar.IsOpen(date));
    }

    [Fact]
    public void The_closure_days_include_ordinary_weekdays()
    {
        Assert.False(Calendar.IsOpen(D(2026, 12, 29, Tuesday)));
        Assert.False(Calendar.IsOpen(D(2026, 12, 30, Wednesday)));
        Assert.False(Calendar.IsOpen(D(2026, 12, 31, Thursday)));
        Assert.False(Calendar.IsOpen(D(2025, 12, 29, Monday)));
        Assert.False(Calendar.IsOpen(D(2025, 1, 2, Thursday)));
        Assert.False(Calendar.IsOpen(D(2025, 1, 3, Friday)));
    }

    [Fact]
    public void January_4_and_December_28_are_open_when_they_are_weekdays()
    {
        Assert.True(Calendar.IsOpen(D(2027, 1, 4, Monday)));
        Assert.True(Calendar.IsOpen(D(2028, 1, 4, Tuesday)));
        Assert.True(Calendar.IsOpen(D(2029, 1, 4, Thursday)));
        Assert.True(Calendar.IsOpen(D(2026, 12, 28, Monday)));
        Assert.False(Calendar.IsInClosure(new DateOnly(2026, 12, 28)));
        Assert.False(Calendar.IsInClosure(new DateOnly(2027, 1, 4)));
        Assert.False(Calendar.IsOpen(D(2025, 1, 4, Saturday)));
    }

    [Fact]
    public void Next_open_day_is_the_same_day_when_open()
    {
        var friday = D(2026, 1, 16, Friday);

        Assert.Equal(friday, Calendar.NextOpenDay(friday));
        Assert.Equal(D(2026, 12, 28, Monday), Calendar.NextOpenDay(new DateOnly(2026, 12, 28)));
    }

    [Fact]
    public void Next_open_day_skips_a_weekend_and_a_holiday_Monday()
    {
        Assert.Equal(D(2026, 1, 19, Monday), Calendar.NextOpenDay(D(2026, 1, 17, Saturday)));
        Assert.Equal(D(2026, 1, 19, Monday), Calendar.NextOpenDay(D(2026, 1, 18, Sunday)));
        Assert.Equal(D(2026, 1, 13, Tuesday), Calendar.NextOpenDay(D(2026, 1, 10, Saturday)));
    }

    [Fact]
    public void Next_open_day_skips_the_new_year_closure()
    {
        var expected = D(2027, 1, 4, Monday);

        for (var d = D(2026, 12, 29, Tuesday); d < expected; d = d.AddDays(1))
        {
            Assert.Equal(expected, Calendar.NextOpenDay(d));
        }
        Assert.Equal(D(2026, 1, 5, Monday), Calendar.NextOpenDay(D(2025, 12, 27, Saturday)));
    }

    [Fact]
    public void Next_open_day_skips_Golden_Week_2026()
    {
        Assert.Equal(D(2026, 5, 7, Thursday), Calendar.NextOpenDay(D(2026, 5, 2, Saturday)));
        Assert.Equal(D(2026, 4, 30, Thursday), Calendar.NextOpenDay(D(2026, 4, 29, Wednesday)));
    }

    [Theory]
    [InlineData(0, 2026, 4, 28)]
    [InlineData(1, 2026, 4, 30)] // 4/29 昭和の日 skipped
    [InlineData(2, 2026, 5, 1)]
    [InlineData(3, 2026, 5, 7)]  // 5/2–5/6 skipped
    [InlineData(4, 2026, 5, 8)]
    [InlineData(5, 2026, 5, 11)]
    [InlineData(-1, 2026, 4, 27)]
    [InlineData(-2, 2026, 4, 24)]
    public void Adding_open_days_from_April_28_2026_skips_Golden_Week(int days, int y, int m, int d)
    {
        var start = D(2026, 4, 28, Tuesday);

        var result = Calendar.AddOpenDays(start, days);

        Assert.Equal(new DateOnly(y, m, d), result);
        Assert.True(Calendar.IsOpen(result));
    }

    [Fact]
    public void Adding_open_days_counts_back_across_Golden_Week_too()
    {
        Assert.Equal(D(2026, 5, 1, Friday), Calendar.AddOpenDays(D(2026, 5, 7, Thursday), -1));
        Assert.Equal(D(2026, 5, 7, Thursday), Calendar.AddOpenDays(D(2026, 5, 1, Friday), 1));
    }

    [Fact]
    public void Adding_zero_open_days_to_a_closed_day_gives_the_next_open_day() =>
        Assert.Equal(D(2026, 5, 7, Thursday), Calendar.AddOpenDays(D(2026, 5, 3, Sunday), 0));

    [Fact]
    public void Adding_open_days_crosses_the_new_year_closure()
    {
        // 12/25 Fri, 12/28 Mon are the last open days of 2026; 1/4 Mon the first of 2027.
        Assert.Equal(D(2026, 12, 28, Monday), Calendar.AddOpenDays(D(2026, 12, 25, Friday), 1));
        Assert.Equal(D(2027, 1, 4, Monday), Calendar.AddOpenDays(D(2026, 12, 25, Friday), 2));
        Assert.Equal(D(2026, 12, 28, Monday), Calendar.AddOpenDays(D(2027, 1, 4, Monday), -1));
    }

    [Fact]
    public void Open_days_between_counts_the_start_but_not_the_end()
    {
        // 4/27 Mon, 4/28 Tue, 4/30 Thu, 5/1 Fri, 5/7 Thu, 5/8 Fri.
        Assert.Equal(6, Calendar.OpenDaysBetween(D(2026, 4, 27, Monday), D(2026, 5, 11, Monday)));
        Assert.Equal(1, Calendar.OpenDaysBetween(D(2026, 5, 1, Friday), D(2026, 5, 7, Thursday)));
        Assert.Equal(0, Calendar.OpenDaysBetween(D(2026, 5, 2, Saturday), D(2026, 5, 7, Thursday)));
        Assert.Equal(0, Calendar.OpenDaysBetween(D(2026, 5, 7, Thursday), D(2026, 5, 7, Thursday)));
        Assert.Equal(-6, Calendar.OpenDaysBetween(D(2026, 5, 11, Monday), D(2026, 4, 27, Monday)));
    }

    [Fact]
    public void Open_days_in_2026_add_up_to_weekdays_less_weekday_holidays_and_closure_weekdays()
    {
        var first = new DateOnly(2026, 1, 1);
        var end = new DateOnly(2027, 1, 1);
        var weekdays = Enumerable.Range(0, end.DayNumber - first.DayNumber)
            .Select(first.AddDays)
            .Count(d => d.DayOfWeek is not (Saturday or Sunday));
        var weekdayHolidays = JapaneseHolidays.InYear(2026).Count(h => h.Date.DayOfWeek is not (Saturday or Sunday));
        // 1/1 Thu is a holiday already; 1/2 Fri, 12/29 Tue, 12/30 Wed, 12/31 Thu are closure weekdays.
        const int closureWeekdaysNotHolidays = 4;

        Assert.Equal(261, weekdays);
        Assert.Equal(17, weekdayHolidays);
        Assert.Equal(weekdays - weekdayHolidays - closureWeekdaysNotHolidays, Calendar.OpenDaysBetween(first, end));
    }

    [Fact]
    public void Adding_n_open_days_lands_n_open_days_later_for_every_start_in_a_year()
    {
        for (var start = new DateOnly(2026, 1, 1); start.Year == 2026; start = start.AddDays(1))
        {
            foreach (var n in new[] { 1, 5, 20 })
            {
                var result = Calendar.AddOpenDays(start, n);
                Assert.True(Calendar.IsOpen(result));
                Assert.Equal(n, Calendar.OpenDaysBetween(start.AddDays(1), result.AddDays(1)));
                Assert.Equal(-n, Calendar.OpenDaysBetween(start, Calendar.AddOpenDays(start, -n)));
            }
        }
    }

    [Fact]
    public void The_closure_range_can_be_set_by_ordinance()
    {
        var longer = new OfficeCalendar(12, 28, 1, 4);

        Assert.False(longer.IsOpen(D(2026, 12, 28, Monday)));
        Assert.False(longer.IsOpen(D(2027, 1, 4, Monday)));
        Assert.Equal(D(2027, 1, 5, Tuesday), longer.NextOpenDay(new DateOnly(2026, 12, 28)));
    }

    [Fact]
    public void A_closure_inside_one_year_does_not_wrap()
    {
        var obon = new OfficeCalendar(8, 13, 8, 15);

        Assert.True(obon.IsOpen(D(2026, 8, 12, Wednesday)));
        Assert.False(obon.IsOpen(D(2026, 8, 13, Thursday)));
        Assert.False(obon.IsOpen(D(2026, 8, 14, Friday)));
        Assert.True(obon.IsOpen(D(2026, 8, 17, Monday)));
        Assert.True(obon.IsOpen(D(2026, 12, 29, Tuesday)));
        Assert.True(obon.IsOpen(D(2027, 1, 4, Monday)));
    }

    [Fact]
    public void Extra_closed_dates_are_closed_only_in_the_calendar_that_lists_them()
    {
        var moving = D(2026, 6, 1, Monday);
        var calendar = new OfficeCalendar(extraClosedDates: [moving]);

        Assert.False(calendar.IsOpen(moving));
        Assert.True(Calendar.IsOpen(moving));
        Assert.Equal(D(2026, 6, 2, Tuesday), calendar.NextOpenDay(moving));
        Assert.Equal(D(2026, 6, 2, Tuesday), calendar.AddOpenDays(D(2026, 5, 29, Friday), 1));
    }

    [Theory]
    [InlineData(0, 1, 1, 3)]
    [InlineData(13, 1, 1, 3)]
    [InlineData(12, 0, 1, 3)]
    [InlineData(12, 32, 1, 3)]
    [InlineData(12, 29, 2, 30)]
    [InlineData(12, 29, 4, 31)]
    public void Impossible_closure_days_are_rejected(int startMonth, int startDay, int endMonth, int endDay) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OfficeCalendar(startMonth, startDay, endMonth, endDay));

    [Fact]
    public void February_29_is_a_valid_closure_bound_and_applies_only_in_leap_years()
    {
        var calendar = new OfficeCalendar(2, 29, 2, 29);

        Assert.False(calendar.IsOpen(D(2028, 2, 29, Tuesday)));
        Assert.True(calendar.IsOpen(D(2028, 2, 28, Monday)));
        Assert.True(calendar.IsOpen(D(2027, 3, 1, Monday)));
    }

    [Fact]
    public void A_calendar_that_is_never_open_fails_instead_of_looping_forever()
    {
        var never = new OfficeCalendar(1, 1, 12, 31);

        Assert.Throws<InvalidOperationException>(() => never.NextOpenDay(new DateOnly(2026, 1, 1)));
        Assert.Throws<InvalidOperationException>(() => never.AddOpenDays(new DateOnly(2026, 1, 1), 1));
    }
}
