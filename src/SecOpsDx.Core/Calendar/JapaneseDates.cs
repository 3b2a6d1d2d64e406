using System.Globalization;
using System.Text.RegularExpressions;

namespace SecOpsDx.Core.Calendar;

/// <summary>How a date is shown to users.</summary>
public enum DateDisplayStyle
{
    /// <summary>令和7年4月1日</summary>
    Wareki,

    /// <summary>2025年4月1日</summary>
    Western,
}

/// <summary>Parsing and formatting of dates as Japanese offices write them (western and 和暦).</summary>
public static partial class JapaneseDates
{
    private static readonly string[] WeekdayKanji = ["日", "月", "火", "水", "木", "金", "土"];

    /// <summary>
    /// Parses <c>2023-04-01</c>, <c>2023/4/1</c>, <c>2023.4.1</c>, <c>2023年4月1日</c>, <c>令和5年4月1日</c>,
    /// <c>令和元年5月1日</c>, <c>R5.4.1</c>, <c>R5/4/1</c>, <c>H30.10.1</c> and the like. Spaces between parts,
    /// full-width digits/letters/punctuation and lower-case era letters are accepted, as is a trailing weekday
    /// such as <c>(火)</c>, <c>（火）</c> or <c>(火曜日)</c>; the weekday must match the date, otherwise the input
    /// is rejected as inconsistent. Dates that do not exist, or that fall outside the named era
    /// (令和元年4月30日, 平成31年5月1日), are rejected. Never throws.
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = JapaneseText.Normalize(text);

        var m = WesternPattern().Match(s);
        if (m.Success)
        {
            if (!TryCreate(ParseNumber(m.Groups["y"].Value), m, out var d)) return false;
            return Accept(d, m, out date);
        }

        m = WarekiPattern().Match(s);
        if (m.Success)
        {
            if (!Eras.TryFind(m.Groups["era"].Value, out var era)) return false;
            var eraYearText = m.Groups["ey"].Value;
            var eraYear = eraYearText == "元" ? 1 : ParseNumber(eraYearText);
            if (eraYear < 1) return false;
            if (!TryCreate(era.ToWesternYear(eraYear), m, out var d) || !era.Contains(d)) return false;
            return Accept(d, m, out date);
        }

        return false;
    }

    /// <summary>"令和7年4月1日", "令和元年5月1日".</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 明治 (1868-01-25).</exception>
    public static string FormatWareki(DateOnly date)
    {
        var era = Eras.Of(date);
        return $"{era.Name}{Eras.FormatEraYear(era.ToEraYear(date.Year))}年{Num(date.Month)}月{Num(date.Day)}日";
    }

    /// <summary>"2025年4月1日".</summary>
    public static string FormatWesternJapanese(DateOnly date) =>
        $"{Num(date.Year)}年{Num(date.Month)}月{Num(date.Day)}日";

    /// <summary>"R7.4.1"; year 1 is written 1 (R1.5.1), not 元.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 明治 (1868-01-25).</exception>
    public static string FormatShortWareki(DateOnly date)
    {
        var era = Eras.Of(date);
        return $"{era.Abbreviation}{Num(era.ToEraYear(date.Year))}.{Num(date.Month)}.{Num(date.Day)}";
    }

    /// <summary>Formats a date in the chosen style.</summary>
    public static string Format(DateOnly date, DateDisplayStyle style) => style switch
    {
        DateDisplayStyle.Wareki => FormatWareki(date),
        DateDisplayStyle.Western => FormatWesternJapanese(date),
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
    };

    /// <summary>
    /// Formats an instant as seen in Japan (UTC+9), e.g. "令和7年4月1日 09:30" with <paramref name="withTime"/>.
    /// </summary>
    public static string Format(DateTimeOffset instant, DateDisplayStyle style, bool withTime)
    {
        var jst = JapanTime.ToJapanTime(instant);
        var text = Format(DateOnly.FromDateTime(jst.DateTime), style);
        return withTime
            ? $"{text} {jst.ToString("HH:mm", CultureInfo.InvariantCulture)}"
            : text;
    }

    /// <summary>The weekday kanji for a date: 日 月 火 水 木 金 土.</summary>
    public static string WeekdayName(DateOnly date) => WeekdayKanji[(int)date.DayOfWeek];

    private static bool Accept(DateOnly d, Match m, out DateOnly date)
    {
        var wd = m.Groups["wd"];
        if (wd.Success && wd.Value != WeekdayName(d))
        {
            date = default;
            return false;
        }
        date = d;
        return true;
    }

    private static bool TryCreate(int year, Match m, out DateOnly date)
    {
        date = default;
        var month = ParseNumber(m.Groups["m"].Value);
        var day = ParseNumber(m.Groups["d"].Value);
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    // The patterns only admit 1–4 ASCII digits, so this cannot overflow or fail.
    private static int ParseNumber(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private const string WeekdaySuffix = @"(?:\s*\(\s*(?<wd>[日月火水木金土])(?:曜日?)?\s*\))?";

    // 2023-04-01, 2023/4/1, 2023.4.1 (one separator used throughout), or 2023年4月1日.
    [GeneratedRegex(
        @"^\s*(?<y>[0-9]{4})\s*(?:(?<sep>[-/.])\s*(?<m>[0-9]{1,2})\s*\k<sep>\s*(?<d>[0-9]{1,2})|年\s*(?<m>[0-9]{1,2})\s*月\s*(?<d>[0-9]{1,2})\s*日)"
        + WeekdaySuffix + @"\s*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex WesternPattern();

    // 令和5年4月1日, R5年4月1日, R5.4.1, R5/4/1, R5-4-1, 令和元年5月1日, R元.5.1.
    [GeneratedRegex(
        @"^\s*(?<era>明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(?<ey>元|[0-9]{1,3})\s*(?:(?<sep>[-/.])\s*(?<m>[0-9]{1,2})\s*\k<sep>\s*(?<d>[0-9]{1,2})|年\s*(?<m>[0-9]{1,2})\s*月\s*(?<d>[0-9]{1,2})\s*日)"
        + WeekdaySuffix + @"\s*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex WarekiPattern();
}
