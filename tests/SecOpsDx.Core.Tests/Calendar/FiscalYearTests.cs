using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Tests.Calendar;

public class FiscalYearTests
{
    public static TheoryData<DateOnly, int> DaysAroundApril2019()
    {
        var data = new TheoryData<DateOnly, int>();
        for (var d = new DateOnly(2019, 3, 30); d <= new DateOnly(2019, 5, 3); d = d.AddDays(1))
        {
            data.Add(d, d.Month >= 4 ? 2019 : 2018);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DaysAroundApril2019))]
    public void Every_day_from_March_30_to_May_3_2019_is_in_the_right_fiscal_year(DateOnly date, int expectedStartYear)
    {
        var fy = FiscalYear.Of(date);

        Assert.Equal(expectedStartYear, fy.StartYear);
        Assert.True(fy.Contains(date));
        Assert.Equal(expectedStartYear == 2019 ? "令和元年度" : "平成30年度", fy.ToWarekiString());
    }

    [Theory]
    [InlineData(1989)]
    [InlineData(2000)]
    [InlineData(2019)]
    [InlineData(2020)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Fiscal_year_of_March_31_is_the_previous_year(int year) =>
        Assert.Equal(year - 1, FiscalYear.Of(new DateOnly(year, 3, 31)).StartYear);

    [Theory]
    [InlineData(1989)]
    [InlineData(2000)]
    [InlineData(2019)]
    [InlineData(2020)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Fiscal_year_of_April_1_is_the_same_year(int year) =>
        Assert.Equal(year, FiscalYear.Of(new DateOnly(year, 4, 1)).StartYear);

    [Theory]
    [InlineData(1, 2024)]
    [InlineData(2, 2024)]
    [InlineData(3, 2024)]
    [InlineData(4, 2025)]
    [InlineData(9, 2025)]
    [InlineData(10, 2025)]
    [InlineData(12, 2025)]
    public void Fiscal_year_of_each_month_follows_the_april_start(int month, int expected) =>
        Assert.Equal(expected, FiscalYear.Of(new DateOnly(2025, month, 15)).StartYear);

    [Fact]
    public void Fiscal_year_2025_runs_from_April_1_2025_to_March_31_2026()
    {
        var fy = new FiscalYear(2025);

        Assert.Equal(new DateOnly(2025, 4, 1), fy.FirstDay);
        Assert.Equal(new DateOnly(2026, 3, 31), fy.LastDay);
        Assert.True(fy.Contains(new DateOnly(2025, 4, 1)));
        Assert.True(fy.Contains(new DateOnly(2026, 3, 31)));
        Assert.False(fy.Contains(new DateOnly(2025, 3, 31)));
        Assert.False(fy.Contains(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void A_fiscal_year_containing_a_leap_day_still_ends_on_March_31()
    {
        var fy = new FiscalYear(2019);

        Assert.True(fy.Contains(new DateOnly(2020, 2, 29)));
        Assert.Equal(366, fy.LastDay.DayNumber - fy.FirstDay.DayNumber + 1);
        Assert.Equal(365, new FiscalYear(2020).LastDay.DayNumber - new FiscalYear(2020).FirstDay.DayNumber + 1);
    }

    [Fact]
    public void Next_and_previous_move_by_one_year()
    {
        var fy = new FiscalYear(2025);

        Assert.Equal(new FiscalYear(2026), fy.Next);
        Assert.Equal(new FiscalYear(2024), fy.Previous);
        Assert.Equal(fy.LastDay.AddDays(1), fy.Next.FirstDay);
        Assert.Equal(fy.FirstDay.AddDays(-1), fy.Previous.LastDay);
    }

    [Fact]
    public void Fiscal_years_compare_by_start_year()
    {
        Assert.True(new FiscalYear(2024) < new FiscalYear(2025));
        Assert.True(new FiscalYear(2025) >= new FiscalYear(2025));
        Assert.Equal([new FiscalYear(2019), new FiscalYear(2020), new FiscalYear(2021)],
            new[] { new FiscalYear(2021), new FiscalYear(2019), new FiscalYear(2020) }.Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9999)]
    public void A_fiscal_year_outside_the_DateOnly_range_is_rejected(int startYear) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalYear(startYear));

    [Theory]
    [InlineData(4, 1, 1)]
    [InlineData(5, 2, 1)]
    [InlineData(6, 30, 1)]
    [InlineData(7, 1, 2)]
    [InlineData(9, 30, 2)]
    [InlineData(10, 1, 3)]
    [InlineData(12, 31, 3)]
    [InlineData(1, 1, 4)]
    [InlineData(2, 29, 4)]
    [InlineData(3, 31, 4)]
    public void Quarters_run_April_to_June_through_January_to_March(int month, int day, int quarter)
    {
        var date = new DateOnly(2024, month, day);

        Assert.Equal(quarter, FiscalYear.QuarterOf(date));
        var (first, last) = FiscalYear.Of(date).QuarterRange(quarter);
        Assert.InRange(date, first, last);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(12, 2)]
    [InlineData(1, 2)]
    [InlineData(3, 2)]
    public void First_half_is_April_to_September_and_second_half_October_to_March(int month, int half) =>
        Assert.Equal(half, FiscalYear.HalfOf(new DateOnly(2025, month, 10)));

    [Fact]
    public void Every_day_of_a_fiscal_year_is_in_exactly_the_quarter_and_half_ranges_it_reports()
    {
        var fy = new FiscalYear(2023); // contains 2024-02-29
        for (var d = fy.FirstDay; d <= fy.LastDay; d = d.AddDays(1))
        {
            var q = FiscalYear.QuarterOf(d);
            var h = FiscalYear.HalfOf(d);
            for (var other = 1; other <= 4; other++)
            {
                var (first, last) = fy.QuarterRange(other);
                Assert.Equal(other == q, d >= first && d <= last);
            }
            for (var other = 1; other <= 2; other++)
            {
                var (first, last) = fy.HalfRange(other);
                Assert.Equal(other == h, d >= first && d <= last);
            }
            Assert.Equal(h, (q + 1) / 2);
        }
    }

    [Fact]
    public void Quarter_and_half_ranges_have_the_expected_bounds()
    {
        var fy = new FiscalYear(2025);

        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)), fy.QuarterRange(1));
        Assert.Equal((new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30)), fy.QuarterRange(2));
        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31)), fy.QuarterRange(3));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), fy.QuarterRange(4));
        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2025, 9, 30)), fy.HalfRange(1));
        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2026, 3, 31)), fy.HalfRange(2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void An_invalid_quarter_number_is_rejected(int quarter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalYear(2025).QuarterRange(quarter));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiscalYear.QuarterName(quarter));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void An_invalid_half_number_is_rejected(int half)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalYear(2025).HalfRange(half));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiscalYear.HalfName(half));
    }

    [Fact]
    public void Halves_and_quarters_have_japanese_names()
    {
        Assert.Equal("上半期", FiscalYear.HalfName(1));
        Assert.Equal("下半期", FiscalYear.HalfName(2));
        Assert.Equal("第1四半期", FiscalYear.QuarterName(1));
        Assert.Equal("第4四半期", FiscalYear.QuarterName(4));
    }

    [Theory]
    [InlineData("2025-03-31T14:59:59Z", 2024)]
    [InlineData("2025-03-31T15:00:00Z", 2025)]
    [InlineData("2025-04-01T00:00:00+09:00", 2025)]
    [InlineData("2025-03-31T23:59:59+09:00", 2024)]
    [InlineData("2025-03-31T12:00:00-05:00", 2025)]
    public void Fiscal_year_of_an_instant_is_judged_by_the_date_in_Japan(string instant, int expected) =>
        Assert.Equal(expected, FiscalYear.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).StartYear);

    [Fact]
    public void Fiscal_year_of_a_utc_DateTime_is_judged_in_Japan_time()
    {
        Assert.Equal(2025, FiscalYear.Of(new DateTime(2025, 3, 31, 15, 0, 0, DateTimeKind.Utc)).StartYear);
        Assert.Equal(2024, FiscalYear.Of(new DateTime(2025, 3, 31, 14, 59, 0, DateTimeKind.Utc)).StartYear);
    }

    [Fact]
    public void Fiscal_year_of_an_unspecified_DateTime_uses_its_wall_clock_date() =>
        Assert.Equal(2024, FiscalYear.Of(new DateTime(2025, 3, 31, 23, 59, 0, DateTimeKind.Unspecified)).StartYear);

    [Fact]
    public void Fiscal_year_of_a_local_DateTime_is_the_same_instant_judged_in_Japan()
    {
        var local = new DateTime(2025, 3, 31, 20, 0, 0, DateTimeKind.Local);
        var expected = DateOnly.FromDateTime(new DateTimeOffset(local).ToOffset(TimeSpan.FromHours(9)).DateTime);

        Assert.Equal(FiscalYear.Of(expected), FiscalYear.Of(local));
    }

    [Theory]
    [InlineData("2026-03-31T14:59:59Z", 2025)]
    [InlineData("2026-03-31T15:00:00Z", 2026)]
    public void Current_fiscal_year_comes_from_the_time_provider_in_Japan_time(string utcNow, int expected)
    {
        var provider = FrozenClock.At(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new FiscalYear(expected), FiscalYear.Current(provider));
    }

    [Theory]
    [InlineData(2025, "令和7年度", "2025年度", "R7")]
    [InlineData(2020, "令和2年度", "2020年度", "R2")]
    [InlineData(2019, "令和元年度", "2019年度", "R1")] // convention: era in force for most of the year, not on April 1
    [InlineData(2018, "平成30年度", "2018年度", "H30")]
    [InlineData(1989, "平成元年度", "1989年度", "H1")]
    [InlineData(1988, "昭和63年度", "1988年度", "S63")] // 平成 began in January 1989, late in the year
    [InlineData(1926, "大正15年度", "1926年度", "T15")]
    [InlineData(1912, "大正元年度", "1912年度", "T1")]
    [InlineData(1911, "明治44年度", "1911年度", "M44")]
    [InlineData(1868, "明治元年度", "1868年度", "M1")]
    public void Fiscal_years_format_in_wareki_western_and_short_form(int startYear, string wareki, string western, string shortForm)
    {
        var fy = new FiscalYear(startYear);

        Assert.Equal(wareki, fy.ToWarekiString());
        Assert.Equal(western, fy.ToWesternString());
        Assert.Equal(shortForm, fy.ToShortWareki());
        Assert.Equal(western, fy.ToString());
    }

    [Fact]
    public void Fiscal_year_2019_is_named_reiwa_gannen_by_convention_though_it_began_in_heisei()
    {
        var fy = new FiscalYear(2019);

        Assert.Equal("平成", Eras.Of(fy.FirstDay).Name);
        Assert.Equal(Eras.Reiwa, fy.NamingEra);
        Assert.Equal("令和元年度", fy.ToWarekiString());
        Assert.True(FiscalYear.TryParse("平成31年度", out var strict));
        Assert.Equal(fy, strict);
    }

    [Fact]
    public void A_fiscal_year_before_Meiji_cannot_be_written_in_wareki() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalYear(1867).ToWarekiString());

    [Theory]
    [InlineData("令和7年度", 2025)]
    [InlineData("R7年度", 2025)]
    [InlineData("R7", 2025)]
    [InlineData("r7", 2025)]
    [InlineData("Ｒ７", 2025)]
    [InlineData("ｒ７年度", 2025)]
    [InlineData("令和７年度", 2025)]
    [InlineData("令和 7 年度", 2025)]
    [InlineData("  R7  ", 2025)]
    [InlineData("令和7", 2025)]
    [InlineData("R07", 2025)]
    [InlineData("2025年度", 2025)]
    [InlineData("２０２５年度", 2025)]
    [InlineData("2025", 2025)]
    [InlineData("令和元年度", 2019)]
    [InlineData("R元年度", 2019)]
    [InlineData("R1", 2019)]
    [InlineData("平成31年度", 2019)]
    [InlineData("H31", 2019)]
    [InlineData("平成30年度", 2018)]
    [InlineData("平成元年度", 1989)]
    [InlineData("昭和63年度", 1988)]
    [InlineData("S63", 1988)]
    [InlineData("大正元年度", 1912)]
    [InlineData("明治45年度", 1912)]
    [InlineData("昭和元年度", 1926)]
    [InlineData("大正15年度", 1926)]
    public void Fiscal_years_parse_from_common_notations(string text, int expected)
    {
        Assert.True(FiscalYear.TryParse(text, out var fy));
        Assert.Equal(expected, fy.StartYear);
        Assert.Equal(new FiscalYear(expected), FiscalYear.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("令和")]
    [InlineData("R")]
    [InlineData("年度")]
    [InlineData("令和0年度")]
    [InlineData("R0")]
    [InlineData("平成32年度")] // 平成 ended in April 2019
    [InlineData("昭和64年度")] // fiscal 1989 began after 昭和 ended
    [InlineData("令和7年")]    // a calendar year, not a fiscal year
    [InlineData("2025年")]
    [InlineData("0000")]
    [InlineData("9999年度")]
    [InlineData("12345")]
    [InlineData("25年度")]
    [InlineData("X7")]
    [InlineData("令和-1年度")]
    [InlineData("R9999")]
    [InlineData("2025年度度")]
    [InlineData("令和7年度2025")]
    [InlineData("fiscal 2025")]
    public void Invalid_fiscal_year_text_is_rejected_without_throwing(string? text)
    {
        Assert.False(FiscalYear.TryParse(text, out var fy));
        Assert.Equal(default, fy);
        if (text is not null) Assert.Throws<FormatException>(() => FiscalYear.Parse(text));
    }

    [Theory]
    [InlineData("wareki")]
    [InlineData("western")]
    [InlineData("short")]
    public void Every_fiscal_year_from_Meiji_1_to_2200_round_trips_through_each_format(string style)
    {
        var failures = new List<string>();
        for (var y = 1868; y <= 2200; y++)
        {
            var fy = new FiscalYear(y);
            var text = style switch
            {
                "wareki" => fy.ToWarekiString(),
                "western" => fy.ToWesternString(),
                _ => fy.ToShortWareki(),
            };
            if (!FiscalYear.TryParse(text, out var parsed) || parsed != fy) failures.Add($"{y} -> {text} -> {parsed.StartYear}");
        }
        Assert.Empty(failures);
    }
}
