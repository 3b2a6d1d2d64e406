using SecOpsDx.Core.Calendar;

using static System.DayOfWeek;

namespace SecOpsDx.Core.Tests.Calendar;

public class JapaneseHolidaysTests
{
    private static (DateOnly Date, DayOfWeek Weekday, string Name) H(int y, int m, int d, DayOfWeek weekday, string name) =>
        (new DateOnly(y, m, d), weekday, name);

    // Written out by hand from the Cabinet Office list (内閣府「国民の祝日について」), with the weekday of each date
    // alongside so that a mistyped literal is caught by the first test below rather than trusted.
    private static readonly Dictionary<int, (DateOnly Date, DayOfWeek Weekday, string Name)[]> Official = new()
    {
        [2019] =
        [
            H(2019, 1, 1, Tuesday, "元日"),
            H(2019, 1, 14, Monday, "成人の日"),
            H(2019, 2, 11, Monday, "建国記念の日"),
            H(2019, 3, 21, Thursday, "春分の日"),
            H(2019, 4, 29, Monday, "昭和の日"),
            H(2019, 4, 30, Tuesday, "国民の休日"),
            H(2019, 5, 1, Wednesday, "天皇の即位の日"),
            H(2019, 5, 2, Thursday, "国民の休日"),
            H(2019, 5, 3, Friday, "憲法記念日"),
            H(2019, 5, 4, Saturday, "みどりの日"),
            H(2019, 5, 5, Sunday, "こどもの日"),
            H(2019, 5, 6, Monday, "振替休日"),
            H(2019, 7, 15, Monday, "海の日"),
            H(2019, 8, 11, Sunday, "山の日"),
            H(2019, 8, 12, Monday, "振替休日"),
            H(2019, 9, 16, Monday, "敬老の日"),
            H(2019, 9, 23, Monday, "秋分の日"),
            H(2019, 10, 14, Monday, "体育の日"),
            H(2019, 10, 22, Tuesday, "即位礼正殿の儀の行われる日"),
            H(2019, 11, 3, Sunday, "文化の日"),
            H(2019, 11, 4, Monday, "振替休日"),
            H(2019, 11, 23, Saturday, "勤労感謝の日"),
        ],
        [2020] =
        [
            H(2020, 1, 1, Wednesday, "元日"),
            H(2020, 1, 13, Monday, "成人の日"),
            H(2020, 2, 11, Tuesday, "建国記念の日"),
            H(2020, 2, 23, Sunday, "天皇誕生日"),
            H(2020, 2, 24, Monday, "振替休日"),
            H(2020, 3, 20, Friday, "春分の日"),
            H(2020, 4, 29, Wednesday, "昭和の日"),
            H(2020, 5, 3, Sunday, "憲法記念日"),
            H(2020, 5, 4, Monday, "みどりの日"),
            H(2020, 5, 5, Tuesday, "こどもの日"),
            H(2020, 5, 6, Wednesday, "振替休日"),
            H(2020, 7, 23, Thursday, "海の日"),
            H(2020, 7, 24, Friday, "スポーツの日"),
            H(2020, 8, 10, Monday, "山の日"),
            H(2020, 9, 21, Monday, "敬老の日"),
            H(2020, 9, 22, Tuesday, "秋分の日"),
            H(2020, 11, 3, Tuesday, "文化の日"),
            H(2020, 11, 23, Monday, "勤労感謝の日"),
        ],
        [2021] =
        [
            H(2021, 1, 1, Friday, "元日"),
            H(2021, 1, 11, Monday, "成人の日"),
            H(2021, 2, 11, Thursday, "建国記念の日"),
            H(2021, 2, 23, Tuesday, "天皇誕生日"),
            H(2021, 3, 20, Saturday, "春分の日"),
            H(2021, 4, 29, Thursday, "昭和の日"),
            H(2021, 5, 3, Monday, "憲法記念日"),
            H(2021, 5, 4, Tuesday, "みどりの日"),
            H(2021, 5, 5, Wednesday, "こどもの日"),
            H(2021, 7, 22, Thursday, "海の日"),
            H(2021, 7, 23, Friday, "スポーツの日"),
            H(2021, 8, 8, Sunday, "山の日"),
            H(2021, 8, 9, Monday, "振替休日"),
            H(2021, 9, 20, Monday, "敬老の日"),
            H(2021, 9, 23, Thursday, "秋分の日"),
            H(2021, 11, 3, Wednesday, "文化の日"),
            H(2021, 11, 23, Tuesday, "勤労感謝の日"),
        ],
        [2025] =
        [
            H(2025, 1, 1, Wednesday, "元日"),
            H(2025, 1, 13, Monday, "成人の日"),
            H(2025, 2, 11, Tuesday, "建国記念の日"),
            H(2025, 2, 23, Sunday, "天皇誕生日"),
            H(2025, 2, 24, Monday, "振替休日"),
            H(2025, 3, 20, Thursday, "春分の日"),
            H(2025, 4, 29, Tuesday, "昭和の日"),
            H(2025, 5, 3, Saturday, "憲法記念日"),
            H(2025, 5, 4, Sunday, "みどりの日"),
            H(2025, 5, 5, Monday, "こどもの日"),
            H(2025, 5, 6, Tuesday, "振替休日"),
            H(2025, 7, 21, Monday, "海の日"),
            H(2025, 8, 11, Monday, "山の日"),
            H(2025, 9, 15, Monday, "敬老の日"),
            H(2025, 9, 23, Tuesday, "秋分の日"),
            H(2025, 10, 13, Monday, "スポーツの日"),
            H(2025, 11, 3, Monday, "文化の日"),
            H(2025, 11, 23, Sunday, "勤労感謝の日"),
            H(2025, 11, 24, Monday, "振替休日"),
        ],
        [2026] =
        [
            H(2026, 1, 1, Thursday, "元日"),
            H(2026, 1, 12, Monday, "成人の日"),
            H(2026, 2, 11, Wednesday, "建国記念の日"),
            H(2026, 2, 23, Monday, "天皇誕生日"),
            H(2026, 3, 20, Friday, "春分の日"),
            H(2026, 4, 29, Wednesday, "昭和の日"),
            H(2026, 5, 3, Sunday, "憲法記念日"),
            H(2026, 5, 4, Monday, "みどりの日"),
            H(2026, 5, 5, Tuesday, "こどもの日"),
            H(2026, 5, 6, Wednesday, "振替休日"),
            H(2026, 7, 20, Monday, "海の日"),
            H(2026, 8, 11, Tuesday, "山の日"),
            H(2026, 9, 21, Monday, "敬老の日"),
            H(2026, 9, 22, Tuesday, "国民の休日"),
            H(2026, 9, 23, Wednesday, "秋分の日"),
            H(2026, 10, 12, Monday, "スポーツの日"),
            H(2026, 11, 3, Tuesday, "文化の日"),
            H(2026, 11, 23, Monday, "勤労感謝の日"),
        ],
    };

    public static TheoryData<int> ListedYears() => [.. Official.Keys];

    [Theory]
    [MemberData(nameof(ListedYears))]
    public void The_expected_lists_have_the_right_weekdays_and_are_in_date_order(int year)
    {
        var expected = Official[year];

        Assert.All(expected, e => Assert.Equal(e.Weekday, e.Date.DayOfWeek));
        Assert.All(expected, e => Assert.Equal(year, e.Date.Year));
        Assert.Equal(expected.OrderBy(e => e.Date).Select(e => e.Date), expected.Select(e => e.Date));
    }

    [Theory]
    [MemberData(nameof(ListedYears))]
    public void Every_holiday_of_the_year_matches_the_official_list(int year)
    {
        var expected = Official[year].Select(e => (e.Date, e.Name)).ToList();

        Assert.Equal(expected, JapaneseHolidays.InYear(year));
    }

    [Theory]
    [MemberData(nameof(ListedYears))]
    public void Every_day_of_the_year_is_a_holiday_exactly_when_it_is_listed(int year)
    {
        var expected = Official[year].ToDictionary(e => e.Date, e => e.Name);

        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            Assert.Equal(expected.ContainsKey(d), JapaneseHolidays.IsHoliday(d));
            Assert.Equal(expected.GetValueOrDefault(d), JapaneseHolidays.NameOf(d));
        }
    }

    [Theory]
    [InlineData(2016, 17)]
    [InlineData(2017, 17)]
    [InlineData(2018, 20)]
    [InlineData(2019, 22)]
    [InlineData(2020, 18)]
    [InlineData(2021, 17)]
    [InlineData(2022, 16)]
    [InlineData(2023, 17)]
    [InlineData(2024, 21)]
    [InlineData(2025, 19)]
    [InlineData(2026, 18)]
    [InlineData(2027, 17)]
    [InlineData(2028, 16)]
    [InlineData(2029, 19)]
    [InlineData(2030, 19)]
    public void Each_year_has_the_official_number_of_holidays(int year, int count) =>
        Assert.Equal(count, JapaneseHolidays.InYear(year).Count);

    [Theory]
    [InlineData("2019-05-06", "2019-05-05")]
    [InlineData("2019-08-12", "2019-08-11")]
    [InlineData("2020-02-24", "2020-02-23")]
    [InlineData("2021-08-09", "2021-08-08")]
    [InlineData("2024-09-23", "2024-09-22")]
    [InlineData("2025-02-24", "2025-02-23")]
    [InlineData("2025-11-24", "2025-11-23")]
    [InlineData("2029-04-30", "2029-04-29")]
    public void A_holiday_on_a_Sunday_gives_the_next_Monday_as_substitute_holiday(string substitute, string sunday)
    {
        var monday = DateOnly.Parse(substitute, System.Globalization.CultureInfo.InvariantCulture);
        var sundayHoliday = DateOnly.Parse(sunday, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(Sunday, sundayHoliday.DayOfWeek);
        Assert.Equal(Monday, monday.DayOfWeek);
        Assert.NotNull(JapaneseHolidays.NameOf(sundayHoliday));
        Assert.Equal("振替休日", JapaneseHolidays.NameOf(monday));
    }

    [Theory]
    [InlineData(2020)] // 5/3 Sun, 5/4 Mon, 5/5 Tue
    [InlineData(2025)] // 5/3 Sat, 5/4 Sun, 5/5 Mon
    [InlineData(2026)] // 5/3 Sun, 5/4 Mon, 5/5 Tue
    public void A_Sunday_holiday_in_Golden_Week_moves_the_substitute_past_the_following_holidays_to_May_6(int year)
    {
        var may6 = new DateOnly(year, 5, 6);

        Assert.Equal("振替休日", JapaneseHolidays.NameOf(may6));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(year, 5, 7)));
    }

    [Fact]
    public void A_Saturday_holiday_has_no_substitute()
    {
        // The law moves only Sunday holidays; the Monday after a Saturday holiday stays an ordinary day.
        Assert.Equal(Saturday, new DateOnly(2021, 3, 20).DayOfWeek);
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2021, 3, 22)));
        Assert.Equal(Saturday, new DateOnly(2019, 11, 23).DayOfWeek);
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2019, 11, 25)));
    }

    [Theory]
    [InlineData(2009, 9, 22)]
    [InlineData(2015, 9, 22)]
    [InlineData(2026, 9, 22)]
    [InlineData(2019, 4, 30)]
    [InlineData(2019, 5, 2)]
    public void A_weekday_between_two_holidays_is_a_citizens_holiday(int y, int m, int d)
    {
        var date = new DateOnly(y, m, d);

        Assert.True(date.DayOfWeek is Tuesday or Thursday);
        Assert.NotNull(JapaneseHolidays.NameOf(date.AddDays(-1)));
        Assert.NotNull(JapaneseHolidays.NameOf(date.AddDays(1)));
        Assert.Equal("国民の休日", JapaneseHolidays.NameOf(date));
    }

    [Fact]
    public void Silver_week_2015_and_2026_runs_Monday_to_Wednesday()
    {
        foreach (var year in new[] { 2015, 2026 })
        {
            var monday = new DateOnly(year, 9, 21);
            Assert.Equal(Monday, monday.DayOfWeek);
            Assert.Equal(["敬老の日", "国民の休日", "秋分の日"], Enumerable.Range(0, 3).Select(i => JapaneseHolidays.NameOf(monday.AddDays(i))));
        }
    }

    [Fact]
    public void Before_2007_May_4_was_a_citizens_holiday_even_on_a_Saturday_and_since_then_it_is_Midori_no_hi()
    {
        Assert.Equal(Saturday, new DateOnly(2002, 5, 4).DayOfWeek);
        Assert.Equal("国民の休日", JapaneseHolidays.NameOf(new DateOnly(2002, 5, 4)));
        Assert.Equal("国民の休日", JapaneseHolidays.NameOf(new DateOnly(2006, 5, 4)));
        Assert.Equal("みどりの日", JapaneseHolidays.NameOf(new DateOnly(2007, 5, 4)));
        Assert.Equal("みどりの日", JapaneseHolidays.NameOf(new DateOnly(2006, 4, 29)));
        Assert.Equal("昭和の日", JapaneseHolidays.NameOf(new DateOnly(2007, 4, 29)));
    }

    [Fact]
    public void The_emperors_birthday_moved_from_December_23_to_February_23_with_none_in_2019()
    {
        Assert.Equal("天皇誕生日", JapaneseHolidays.NameOf(new DateOnly(2018, 12, 23)));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2019, 12, 23)));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2019, 2, 23)));
        Assert.DoesNotContain(JapaneseHolidays.InYear(2019), h => h.Name == "天皇誕生日");
        Assert.Equal("天皇誕生日", JapaneseHolidays.NameOf(new DateOnly(2020, 2, 23)));
        Assert.Equal("天皇誕生日", JapaneseHolidays.NameOf(new DateOnly(1988, 4, 29)));
    }

    [Fact]
    public void The_Olympic_years_moved_Marine_Day_Sports_Day_and_Mountain_Day_and_left_October_without_a_holiday()
    {
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2020, 7, 20)));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2020, 8, 11)));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2020, 10, 12)));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2021, 7, 19)));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2021, 8, 11)));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2021, 10, 11)));
        Assert.DoesNotContain(JapaneseHolidays.InYear(2020), h => h.Date.Month == 10);
        Assert.DoesNotContain(JapaneseHolidays.InYear(2021), h => h.Date.Month == 10);
    }

    [Theory]
    [InlineData(1999, 1, 15, "成人の日")]
    [InlineData(2000, 1, 10, "成人の日")]
    [InlineData(1999, 10, 10, "体育の日")]
    [InlineData(2000, 10, 9, "体育の日")]
    [InlineData(2019, 10, 14, "体育の日")]
    [InlineData(2022, 10, 10, "スポーツの日")]
    [InlineData(2002, 7, 20, "海の日")]
    [InlineData(2003, 7, 21, "海の日")]
    [InlineData(2002, 9, 15, "敬老の日")]
    [InlineData(2003, 9, 15, "敬老の日")]
    [InlineData(2004, 9, 20, "敬老の日")]
    [InlineData(2016, 8, 11, "山の日")]
    [InlineData(1967, 2, 11, "建国記念の日")]
    public void Holidays_follow_the_rules_in_force_in_their_year(int y, int m, int d, string name) =>
        Assert.Equal(name, JapaneseHolidays.NameOf(new DateOnly(y, m, d)));

    [Theory]
    [InlineData(2015, 8, 11)] // 山の日 began in 2016
    [InlineData(1966, 2, 11)] // 建国記念の日 began in 1967
    [InlineData(1995, 7, 20)] // 海の日 began in 1996
    [InlineData(2000, 1, 15)] // 成人の日 became the 2nd Monday
    public void Holidays_do_not_exist_before_their_introduction(int y, int m, int d) =>
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(y, m, d)));

    [Theory]
    [InlineData(2000, 20, 23)]
    [InlineData(2012, 20, 22)]
    [InlineData(2016, 20, 22)]
    [InlineData(2019, 21, 23)]
    [InlineData(2020, 20, 22)]
    [InlineData(2023, 21, 23)]
    [InlineData(2024, 20, 22)]
    [InlineData(2027, 21, 23)]
    [InlineData(2030, 20, 23)]
    [InlineData(1960, 20, 23)]
    [InlineData(1979, 21, 24)]
    public void Equinox_days_follow_the_astronomical_formula(int year, int vernalDay, int autumnalDay)
    {
        Assert.Equal("春分の日", JapaneseHolidays.NameOf(new DateOnly(year, 3, vernalDay)));
        Assert.Equal("秋分の日", JapaneseHolidays.NameOf(new DateOnly(year, 9, autumnalDay)));
    }

    [Fact]
    public void Before_the_law_there_are_no_holidays_and_1948_has_only_those_after_July_20()
    {
        Assert.Empty(JapaneseHolidays.InYear(1));
        Assert.Empty(JapaneseHolidays.InYear(1900));
        Assert.Empty(JapaneseHolidays.InYear(1947));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(1948, 1, 1)));
        Assert.Equal(
            [new DateOnly(1948, 9, 23), new DateOnly(1948, 11, 3), new DateOnly(1948, 11, 23)],
            JapaneseHolidays.InYear(1948).Select(h => h.Date));
        Assert.False(JapaneseHolidays.IsHoliday(DateOnly.MinValue));
    }

    [Fact]
    public void Every_representable_year_can_be_asked_without_throwing_and_lists_are_sorted_without_duplicates()
    {
        for (var year = 1; year <= 9999; year++)
        {
            var list = JapaneseHolidays.InYear(year);
            for (var i = 1; i < list.Count; i++) Assert.True(list[i - 1].Date < list[i].Date);
        }
        Assert.False(JapaneseHolidays.IsHoliday(DateOnly.MaxValue));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10000)]
    public void Years_outside_DateOnly_are_rejected(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.InYear(year));

    [Fact]
    public void Concurrent_callers_get_the_same_answers()
    {
        var years = Enumerable.Range(2000, 60).ToArray();
        var results = new IReadOnlyList<(DateOnly, string)>[years.Length];

        Parallel.For(0, years.Length * 20, i => results[i % years.Length] = JapaneseHolidays.InYear(years[i % years.Length]));

        for (var i = 0; i < years.Length; i++) Assert.Equal(JapaneseHolidays.InYear(years[i]), results[i]);
    }

    [Fact]
    public void The_returned_list_cannot_be_modified_by_a_caller() =>
        Assert.Throws<NotSupportedException>(() => ((IList<(DateOnly, string)>)JapaneseHolidays.InYear(2026))[0] = default);
}
