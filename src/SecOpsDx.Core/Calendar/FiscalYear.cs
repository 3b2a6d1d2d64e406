using System.Globalization;
using System.Text.RegularExpressions;

namespace SecOpsDx.Core.Calendar;

/// <summary>
/// A Japanese fiscal year (年度): April 1 to March 31, named after the calendar year it starts in.
/// 令和7年度 = <c>new FiscalYear(2025)</c> = 2025-04-01 .. 2026-03-31.
/// Halves: 上半期 (1) Apr–Sep, 下半期 (2) Oct–Mar. Quarters: 第1四半期 Apr–Jun … 第4四半期 Jan–Mar.
/// </summary>
public readonly partial record struct FiscalYear(int StartYear) : IComparable<FiscalYear>
{
    public const int MinStartYear = 1;
    public const int MaxStartYear = 9998; // 9998年度 ends 9999-03-31, the last year DateOnly supports.

    public int StartYear { get; } = StartYear is >= MinStartYear and <= MaxStartYear
        ? StartYear
        : throw new ArgumentOutOfRangeException(nameof(StartYear), StartYear, $"Fiscal year must be between {MinStartYear} and {MaxStartYear}.");

    public static FiscalYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>
    /// Fiscal year of a <see cref="DateTime"/>. <see cref="DateTimeKind.Utc"/> and <see cref="DateTimeKind.Local"/>
    /// values denote instants and are converted to Japan time first; <see cref="DateTimeKind.Unspecified"/>
    /// values are taken as a Japanese wall-clock date as they are.
    /// </summary>
    public static FiscalYear Of(DateTime dateTime) =>
        dateTime.Kind == DateTimeKind.Unspecified
            ? Of(DateOnly.FromDateTime(dateTime))
            : Of(new DateTimeOffset(dateTime));

    /// <summary>Fiscal year of an instant, judged by the date in Japan (UTC+9).</summary>
    public static FiscalYear Of(DateTimeOffset instant) => Of(JapanTime.DateOf(instant));

    /// <summary>The current fiscal year in Japan.</summary>
    public static FiscalYear Current(TimeProvider timeProvider) => Of(JapanTime.Today(timeProvider));

    public DateOnly FirstDay => new(StartYear, 4, 1);

    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public FiscalYear Next => new(StartYear + 1);

    public FiscalYear Previous => new(StartYear - 1);

    /// <summary>1 for 上半期 (Apr–Sep), 2 for 下半期 (Oct–Mar).</summary>
    public static int HalfOf(DateOnly date) => date.Month is >= 4 and <= 9 ? 1 : 2;

    /// <summary>1 (Apr–Jun) … 4 (Jan–Mar).</summary>
    public static int QuarterOf(DateOnly date) => (date.Month + 8) % 12 / 3 + 1;

    /// <summary>First and last day of half 1 (上半期) or 2 (下半期) of this fiscal year.</summary>
    public (DateOnly First, DateOnly Last) HalfRange(int half)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(half, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(half, 2);
        return half == 1
            ? (FirstDay, new DateOnly(StartYear, 9, 30))
            : (new DateOnly(StartYear, 10, 1), LastDay);
    }

    /// <summary>First and last day of quarter 1..4 of this fiscal year.</summary>
    public (DateOnly First, DateOnly Last) QuarterRange(int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var first = FirstDay.AddMonths(3 * (quarter - 1));
        return (first, first.AddMonths(3).AddDays(-1));
    }

    /// <summary>上半期 / 下半期.</summary>
    public static string HalfName(int half) => half switch
    {
        1 => "上半期",
        2 => "下半期",
        _ => throw new ArgumentOutOfRangeException(nameof(half), half, "Half must be 1 or 2."),
    };

    /// <summary>第1四半期 … 第4四半期.</summary>
    public static string QuarterName(int quarter) => quarter is >= 1 and <= 4
        ? $"第{quarter.ToString(CultureInfo.InvariantCulture)}四半期"
        : throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "Quarter must be 1 to 4.");

    /// <summary>
    /// The era used to name this fiscal year: the era in force on October 1 of the start year, i.e. the era
    /// covering most of the fiscal year. Convention this encodes:
    /// FY2019 → 令和元年度 (not the strict 平成31年度, although that parses), FY1988 → 昭和63年度
    /// (平成 began only in January 1989), FY1912 → 大正元年度, FY1926 → 大正15年度.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fiscal year predates 明治.</exception>
    public Era NamingEra => Eras.TryGetEra(new DateOnly(StartYear, 10, 1), out var era)
        ? era
        : throw new ArgumentOutOfRangeException(nameof(StartYear), StartYear, "Fiscal years before 明治 have no Japanese era name.");

    /// <summary>"令和7年度"; FY2019 is "令和元年度" (see <see cref="NamingEra"/>).</summary>
    public string ToWarekiString()
    {
        var era = NamingEra;
        return $"{era.Name}{Eras.FormatEraYear(era.ToEraYear(StartYear))}年度";
    }

    /// <summary>"2025年度".</summary>
    public string ToWesternString() => $"{StartYear.ToString(CultureInfo.InvariantCulture)}年度";

    /// <summary>"R7"; FY2019 is "R1" (short forms never use 元).</summary>
    public string ToShortWareki()
    {
        var era = NamingEra;
        return $"{era.Abbreviation}{era.ToEraYear(StartYear).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Same as <see cref="ToWesternString"/>.</summary>
    public override string ToString() => ToWesternString();

    public int CompareTo(FiscalYear other) => StartYear.CompareTo(other.StartYear);

    public static bool operator <(FiscalYear left, FiscalYear right) => left.StartYear < right.StartYear;
    public static bool operator >(FiscalYear left, FiscalYear right) => left.StartYear > right.StartYear;
    public static bool operator <=(FiscalYear left, FiscalYear right) => left.StartYear <= right.StartYear;
    public static bool operator >=(FiscalYear left, FiscalYear right) => left.StartYear >= right.StartYear;

    /// <summary>
    /// Parses "令和7年度", "R7年度", "R7", "2025年度", "2025", "令和元年度", "平成31年度" (full-width digits and
    /// letters, lower-case abbreviations and spaces allowed). An era year is accepted when the fiscal year
    /// overlaps the era at all, so both 平成31年度 and 令和元年度 mean FY2019, while 平成32年度 or 昭和64年度
    /// (FY1989 began after 昭和 ended) are rejected. Never throws.
    /// </summary>
    public static bool TryParse(string? text, out FiscalYear fiscalYear)
    {
        fiscalYear = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = JapaneseText.Normalize(text);

        var m = WesternPattern().Match(s);
        if (m.Success)
        {
            var year = int.Parse(m.Groups["y"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            if (year is < MinStartYear or > MaxStartYear) return false;
            fiscalYear = new FiscalYear(year);
            return true;
        }

        m = WarekiPattern().Match(s);
        if (!m.Success || !Eras.TryFind(m.Groups["era"].Value, out var era)) return false;
        var eraYearText = m.Groups["ey"].Value;
        var eraYear = eraYearText == "元" ? 1 : int.Parse(eraYearText, NumberStyles.None, CultureInfo.InvariantCulture);
        if (eraYear < 1) return false;
        var candidate = new FiscalYear(era.ToWesternYear(eraYear));
        if (!era.Overlaps(candidate.FirstDay, candidate.LastDay)) return false;
        fiscalYear = candidate;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/> but throws <see cref="FormatException"/>.</summary>
    public static FiscalYear Parse(string text) =>
        TryParse(text, out var fy) ? fy : throw new FormatException($"'{text}' is not a fiscal year.");

    [GeneratedRegex(@"^\s*(?<y>[0-9]{4})\s*(?:年度)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex WesternPattern();

    [GeneratedRegex(@"^\s*(?<era>明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(?<ey>元|[0-9]{1,3})\s*(?:年度)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex WarekiPattern();
}
