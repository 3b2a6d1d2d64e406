using System.Globalization;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Tests.Calendar;

public class JapaneseDatesTests
{
    [Theory]
    [InlineData("2023-04-01", 2023, 4, 1)]
    [InlineData("2023-4-1", 2023, 4, 1)]
    [InlineData("2023/4/1", 2023, 4, 1)]
    [InlineData("2023/04/01", 2023, 4, 1)]
    [InlineData("2023.4.1", 2023, 4, 1)]
    [InlineData("2023年4月1日", 2023, 4, 1)]
    [InlineData("2023年04月01日", 2023, 4, 1)]
    [InlineData("令和5年4月1日", 2023, 4, 1)]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("令和1年5月1日", 2019, 5, 1)]
    [InlineData("R5.4.1", 2023, 4, 1)]
    [InlineData("R5/4/1", 2023, 4, 1)]
    [InlineData("R5-4-1", 2023, 4, 1)]
    [InlineData("R05.04.01", 2023, 4, 1)]
    [InlineData("r5.4.1", 2023, 4, 1)]
    [InlineData("R元.5.1", 2019, 5, 1)]
    [InlineData("R5年4月1日", 2023, 4, 1)]
    [InlineData("H30.10.1", 2018, 10, 1)]
    [InlineData("h30.10.1", 2018, 10, 1)]
    [InlineData("平成30年10月1日", 2018, 10, 1)]
    [InlineData("平成31年4月30日", 2019, 4, 30)]
    [InlineData("平成元年1月8日", 1989, 1, 8)]
    [InlineData("昭和64年1月7日", 1989, 1, 7)]
    [InlineData("S64.1.7", 1989, 1, 7)]
    [InlineData("昭和元年12月25日", 1926, 12, 25)]
    [InlineData("大正15年12月24日", 1926, 12, 24)]
    [InlineData("T1.7.30", 1912, 7, 30)]
    [InlineData("明治45年7月29日", 1912, 7, 29)]
    [InlineData("明治元年1月25日", 1868, 1, 25)]
    [InlineData(" 2023-04-01 ", 2023, 4, 1)]
    [InlineData("2023 / 4 / 1", 2023, 4, 1)]
    [InlineData("2023 年 4 月 1 日", 2023, 4, 1)]
    [InlineData("令和 5 年 4 月 1 日", 2023, 4, 1)]
    [InlineData("R 5.4.1", 2023, 4, 1)]
    [InlineData("令和５年４月１日", 2023, 4, 1)]
    [InlineData("２０２３／０４／０１", 2023, 4, 1)]
    [InlineData("２０２３－０４－０１", 2023, 4, 1)]
    [InlineData("Ｒ５．４．１", 2023, 4, 1)]
    [InlineData("ｒ５．４．１", 2023, 4, 1)]
    [InlineData("令和5年4月1日\u3000", 2023, 4, 1)]
    [InlineData("2023年4月1日(土)", 2023, 4, 1)]
    [InlineData("2023年4月1日（土）", 2023, 4, 1)]
    [InlineData("2023年4月1日 (土)", 2023, 4, 1)]
    [InlineData("令和7年4月1日(火)", 2025, 4, 1)]
    [InlineData("令和7年4月1日(火曜日)", 2025, 4, 1)]
    [InlineData("令和7年4月1日(火曜)", 2025, 4, 1)]
    [InlineData("R7.4.1(火)", 2025, 4, 1)]
    [InlineData("2025/4/1（火）", 2025, 4, 1)]
    public void Common_japanese_date_notations_parse(string text, int y, int m, int d)
    {
        Assert.True(JapaneseDates.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    [InlineData("garbage")]
    [InlineData("令和")]
    [InlineData("R")]
    [InlineData("R5")]
    [InlineData("2023")]
    [InlineData("2023-04")]
    [InlineData("2023年4月")]
    [InlineData("20230401")]
    [InlineData("23-04-01")]
    [InlineData("2023-02-29")]        // not a leap year
    [InlineData("2100-02-29")]        // century, not a leap year
    [InlineData("2023-04-31")]
    [InlineData("2023-13-01")]        // month 13
    [InlineData("2023-00-10")]
    [InlineData("2023-04-00")]
    [InlineData("2023年13月1日")]
    [InlineData("0000-01-01")]
    [InlineData("2023/04-01")]        // mixed separators
    [InlineData("2023-04-01-")]
    [InlineData("2023-04-01T00:00")]
    [InlineData("2023-004-01")]
    [InlineData("令和元年4月30日")]   // 令和 began 5/1
    [InlineData("R1.4.30")]
    [InlineData("平成31年5月1日")]    // 平成 ended 4/30
    [InlineData("H31.5.1")]
    [InlineData("平成32年1月1日")]
    [InlineData("平成0年1月1日")]
    [InlineData("H0.1.1")]
    [InlineData("平成元年1月7日")]    // still 昭和
    [InlineData("昭和64年1月8日")]    // already 平成
    [InlineData("明治元年1月1日")]    // before our 明治 start
    [InlineData("令和5年2月29日")]
    [InlineData("令和5年4月31日")]
    [InlineData("令和5年13月1日")]
    [InlineData("X5.4.1")]
    [InlineData("RR5.4.1")]
    [InlineData("令和9999年1月1日")]
    [InlineData("R99999999999.1.1")]
    [InlineData("2023-04-01(水)")]    // 2023-04-01 was a Saturday
    [InlineData("令和7年4月1日(水)")] // 2025-04-01 was a Tuesday
    [InlineData("2023-04-01(X)")]
    [InlineData("2023-04-01()")]
    [InlineData("2023-04-01(土")]
    [InlineData("2023-04-01 土")]
    [InlineData("2023-0４-01x")]
    [InlineData("٢٠٢٣-٠٤-٠١")]        // Arabic-Indic digits are not accepted
    [InlineData("99999-01-01")]
    public void Impossible_or_malformed_dates_are_rejected_without_throwing(string? text)
    {
        Assert.False(JapaneseDates.TryParseDate(text, out var date));
        Assert.Equal(default, date);
    }

    [Theory]
    [InlineData("2020-02-29", 2020, 2, 29)]
    [InlineData("2024/2/29", 2024, 2, 29)]
    [InlineData("2000年2月29日", 2000, 2, 29)]
    [InlineData("令和2年2月29日", 2020, 2, 29)]
    [InlineData("R2.2.29", 2020, 2, 29)]
    [InlineData("平成28年2月29日", 2016, 2, 29)]
    public void Leap_days_are_valid_in_leap_years(string text, int y, int m, int d)
    {
        Assert.True(JapaneseDates.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("2019-04-30", "平成31年4月30日", "H31.4.30")]
    [InlineData("2019-05-01", "令和元年5月1日", "R1.5.1")]
    [InlineData("1989-01-07", "昭和64年1月7日", "S64.1.7")]
    [InlineData("1989-01-08", "平成元年1月8日", "H1.1.8")]
    [InlineData("2025-04-01", "令和7年4月1日", "R7.4.1")]
    [InlineData("2020-02-29", "令和2年2月29日", "R2.2.29")]
    [InlineData("2020-12-31", "令和2年12月31日", "R2.12.31")]
    [InlineData("1926-12-25", "昭和元年12月25日", "S1.12.25")]
    [InlineData("1912-07-30", "大正元年7月30日", "T1.7.30")]
    [InlineData("1868-01-25", "明治元年1月25日", "M1.1.25")]
    public void Dates_format_as_wareki_with_gannen_for_year_one(string iso, string wareki, string shortWareki)
    {
        var date = DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal(wareki, JapaneseDates.FormatWareki(date));
        Assert.Equal(wareki, JapaneseDates.Format(date, DateDisplayStyle.Wareki));
        Assert.Equal(shortWareki, JapaneseDates.FormatShortWareki(date));
    }

    [Theory]
    [InlineData(2025, 4, 1, "2025年4月1日")]
    [InlineData(2019, 12, 31, "2019年12月31日")]
    [InlineData(1, 1, 1, "1年1月1日")]
    public void Dates_format_as_western_japanese_without_leading_zeros(int y, int m, int d, string expected)
    {
        var date = new DateOnly(y, m, d);

        Assert.Equal(expected, JapaneseDates.FormatWesternJapanese(date));
        Assert.Equal(expected, JapaneseDates.Format(date, DateDisplayStyle.Western));
    }

    [Fact]
    public void A_date_before_Meiji_cannot_be_written_in_wareki()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDates.FormatWareki(new DateOnly(1868, 1, 24)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDates.FormatShortWareki(default));
    }

    [Fact]
    public void Formatting_with_an_unknown_style_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDates.Format(new DateOnly(2025, 4, 1), (DateDisplayStyle)99));

    [Theory]
    [InlineData("2025-04-01T00:30:00Z", DateDisplayStyle.Wareki, true, "令和7年4月1日 09:30")]
    [InlineData("2025-04-01T00:30:00Z", DateDisplayStyle.Western, true, "2025年4月1日 09:30")]
    [InlineData("2025-04-01T00:30:00Z", DateDisplayStyle.Wareki, false, "令和7年4月1日")]
    [InlineData("2019-04-30T15:00:00Z", DateDisplayStyle.Wareki, true, "令和元年5月1日 00:00")]
    [InlineData("2019-04-30T14:59:00Z", DateDisplayStyle.Wareki, true, "平成31年4月30日 23:59")]
    [InlineData("2025-03-31T20:00:00-05:00", DateDisplayStyle.Western, true, "2025年4月1日 10:00")]
    [InlineData("2025-04-01T21:05:00+09:00", DateDisplayStyle.Western, true, "2025年4月1日 21:05")]
    public void Instants_are_formatted_in_Japan_time(string instant, DateDisplayStyle style, bool withTime, string expected) =>
        Assert.Equal(expected, JapaneseDates.Format(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), style, withTime));

    [Fact]
    public void Formatting_does_not_depend_on_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            var japanese = new CultureInfo("ja-JP");
            japanese.DateTimeFormat.Calendar = new JapaneseCalendar();
            CultureInfo.CurrentCulture = japanese;
            CultureInfo.CurrentUICulture = japanese;

            Assert.Equal("令和元年5月1日", JapaneseDates.FormatWareki(new DateOnly(2019, 5, 1)));
            Assert.Equal("2019年5月1日 00:00", JapaneseDates.Format(new DateTimeOffset(2019, 4, 30, 15, 0, 0, TimeSpan.Zero), DateDisplayStyle.Western, true));
            Assert.True(JapaneseDates.TryParseDate("2019/05/01", out var d));
            Assert.Equal(new DateOnly(2019, 5, 1), d);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = saved;
        }
    }

    public static TheoryData<DateOnly> DaysAroundTheReiwaSwitch()
    {
        var data = new TheoryData<DateOnly>();
        for (var d = new DateOnly(2019, 3, 30); d <= new DateOnly(2019, 5, 3); d = d.AddDays(1)) data.Add(d);
        return data;
    }

    [Theory]
    [MemberData(nameof(DaysAroundTheReiwaSwitch))]
    public void Every_day_around_the_Reiwa_switch_is_written_in_the_era_then_in_force(DateOnly date)
    {
        var expected = date < new DateOnly(2019, 5, 1)
            ? $"平成31年{date.Month}月{date.Day}日"
            : $"令和元年{date.Month}月{date.Day}日";

        Assert.Equal(expected, JapaneseDates.FormatWareki(date));
        var otherEra = date < new DateOnly(2019, 5, 1) ? $"令和元年{date.Month}月{date.Day}日" : $"平成31年{date.Month}月{date.Day}日";
        Assert.False(JapaneseDates.TryParseDate(otherEra, out _));
    }

    public static TheoryData<string> AllStyles() => ["wareki", "western", "short", "iso", "slash", "weekday"];

    [Theory]
    [MemberData(nameof(AllStyles))]
    public void Every_day_of_2018_to_2021_round_trips_through_each_format(string style)
    {
        var failures = new List<string>();
        for (var d = new DateOnly(2018, 1, 1); d <= new DateOnly(2021, 12, 31); d = d.AddDays(1))
        {
            var text = style switch
            {
                "wareki" => JapaneseDates.Format(d, DateDisplayStyle.Wareki),
                "western" => JapaneseDates.Format(d, DateDisplayStyle.Western),
                "short" => JapaneseDates.FormatShortWareki(d),
                "iso" => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "slash" => d.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
                _ => $"{JapaneseDates.FormatWareki(d)}({JapaneseDates.WeekdayName(d)})",
            };
            if (!JapaneseDates.TryParseDate(text, out var parsed) || parsed != d) failures.Add($"{d:yyyy-MM-dd} -> {text} -> {parsed:yyyy-MM-dd}");
        }
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(2023, 4, 1, "土")]
    [InlineData(2025, 4, 1, "火")]
    [InlineData(2019, 5, 1, "水")]
    [InlineData(2024, 12, 29, "日")]
    public void Weekday_names_are_single_kanji(int y, int m, int d, string expected) =>
        Assert.Equal(expected, JapaneseDates.WeekdayName(new DateOnly(y, m, d)));
}
