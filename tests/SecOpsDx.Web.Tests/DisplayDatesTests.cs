using System.Globalization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Web.Components.Shared;

namespace SecOpsDx.Web.Tests;

/// <summary>Dates and 年度 read in the user's language and chosen style.</summary>
public sealed class DisplayDatesTests
{
    private static T In<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); } finally { CultureInfo.CurrentUICulture = before; }
    }

    [Theory]
    [InlineData("ja-JP", DateDisplayStyle.Wareki, "令和7年4月1日")]
    [InlineData("ja-JP", DateDisplayStyle.Western, "2025年4月1日")]
    [InlineData("en-US", DateDisplayStyle.Wareki, "1 Apr 2025 (R7)")]
    [InlineData("en-US", DateDisplayStyle.Western, "1 Apr 2025")]
    public void A_date_reads_in_the_users_language_and_style(string culture, DateDisplayStyle style, string expected) =>
        Assert.Equal(expected, In(culture, () => DisplayDates.Format(new DateOnly(2025, 4, 1), style)));

    [Fact]
    public void A_moment_is_shown_in_Japan_time()
    {
        var utc = new DateTimeOffset(2025, 3, 31, 15, 30, 0, TimeSpan.Zero); // 2025-04-01 00:30 in Japan

        Assert.Equal("1 Apr 2025 00:30", In("en-US", () => DisplayDates.Format(utc, DateDisplayStyle.Western, withTime: true)));
    }

    [Theory]
    [InlineData("ja-JP", "令和7年度")]
    [InlineData("en-US", "FY2025 (R7)")]
    public void A_fiscal_year_reads_in_the_users_language(string culture, string expected) =>
        Assert.Equal(expected, In(culture, () => DisplayDates.Format(FiscalYear.Of(new DateOnly(2025, 10, 1)))));

    [Fact]
    public void A_date_before_the_first_era_is_shown_western_instead_of_failing_the_page() =>
        Assert.Equal("1800年1月1日", In("ja-JP", () => DisplayDates.Format(new DateOnly(1800, 1, 1), DateDisplayStyle.Wareki)));
}
