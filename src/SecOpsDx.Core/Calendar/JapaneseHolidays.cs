using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace SecOpsDx.Core.Calendar;

/// <summary>
/// Japanese national holidays (国民の祝日) and the other days off the 国民の祝日に関する法律 makes (振替休日,
/// 国民の休日), computed from the rules of the law as amended rather than from a downloaded list, so that no
/// network access or yearly data update is needed. Exact from 1973 (when 振替休日 began) to 2099, as far as the
/// equinox formula holds; earlier years follow the rules then in force; years before the law (1948-07-20) have no
/// holidays. 春分の日 and 秋分の日 are fixed each February in the 官報 for the following year only, so for future
/// years they are the standard astronomical prediction, which has matched every announcement so far.
/// Days made holidays by a later one-off law must be added to <see cref="OneOffs"/>.
/// </summary>
public static class JapaneseHolidays
{
    /// <summary>The day the 国民の祝日に関する法律 came into force.</summary>
    private static readonly DateOnly LawInForce = new(1948, 7, 20);

    /// <summary>振替休日 exist for holidays on or after this day (1973 amendment).</summary>
    private static readonly DateOnly SubstituteRuleStart = new(1973, 4, 12);

    /// <summary>国民の休日 (a day sandwiched between two 祝日) exist from this day (1985 amendment).</summary>
    private static readonly DateOnly SandwichRuleStart = new(1985, 12, 27);

    /// <summary>
    /// Days off made by their own laws. The 2019 law says its two days count as 国民の祝日 for 振替休日 and
    /// 国民の休日, which is how 2019-04-30 and 2019-05-02 became 国民の休日; the older ones never touched a
    /// Sunday or another holiday, so treating them the same changes nothing.
    /// </summary>
    private static readonly (DateOnly Date, string Name)[] OneOffs =
    [
        (new DateOnly(1959, 4, 10), "皇太子明仁親王の結婚の儀"),
        (new DateOnly(1989, 2, 24), "昭和天皇の大喪の礼"),
        (new DateOnly(1990, 11, 12), "即位礼正殿の儀"),
        (new DateOnly(1993, 6, 9), "皇太子徳仁親王の結婚の儀"),
        (new DateOnly(2019, 5, 1), "天皇の即位の日"),
        (new DateOnly(2019, 10, 22), "即位礼正殿の儀の行われる日"),
    ];

    public const string SubstituteHolidayName = "振替休日";
    public const string CitizensHolidayName = "国民の休日";

    // Years are bounded by DateOnly (1..9999), so the cache cannot grow without limit.
    private static readonly ConcurrentDictionary<int, YearTable> Cache = new();

    public static bool IsHoliday(DateOnly date) => ForYear(date.Year).ByDate.ContainsKey(date);

    /// <summary>The Japanese name of the holiday (元日, 振替休日, 国民の休日 …), or null on an ordinary day.</summary>
    public static string? NameOf(DateOnly date) => ForYear(date.Year).ByDate.GetValueOrDefault(date);

    /// <summary>Every holiday of <paramref name="year"/>, in date order. Empty before 1948.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1..9999.</exception>
    public static IReadOnlyList<(DateOnly Date, string Name)> InYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);
        return ForYear(year).List;
    }

    private static YearTable ForYear(int year) => Cache.GetOrAdd(year, Build);

    private sealed record YearTable(IReadOnlyList<(DateOnly Date, string Name)> List, Dictionary<DateOnly, string> ByDate);

    private static YearTable Build(int year)
    {
        // 祝日 proper first: 振替休日 and 国民の休日 are defined in terms of them only.
        var holidays = new SortedDictionary<DateOnly, string>();
        if (year >= LawInForce.Year)
        {
            foreach (var (date, name) in NationalHolidays(year))
            {
                if (date >= LawInForce) holidays[date] = name;
            }
        }

        var extra = new Dictionary<DateOnly, string>();

        // 第3条第2項. Until 2006 only the very next day became the 振替休日; since 2007 it is the first
        // following day that is not a 祝日 (so 5/3 on a Sunday gives 5/6).
        foreach (var date in holidays.Keys)
        {
            if (date.DayOfWeek != DayOfWeek.Sunday || date < SubstituteRuleStart) continue;
            var substitute = date.AddDays(1);
            if (year >= 2007)
            {
                while (holidays.ContainsKey(substitute)) substitute = substitute.AddDays(1);
            }
            if (!holidays.ContainsKey(substitute)) extra[substitute] = SubstituteHolidayName;
        }

        // 第3条第3項. A day whose previous and next days are both 祝日. Until 2006 the law excluded Sundays and
        // 振替休日 (so a Saturday could be one, e.g. 2002-05-04); since 2007 it excludes only 祝日, but every
        // such day has been a weekday since then, so excluding Sunday throughout changes nothing.
        foreach (var date in holidays.Keys)
        {
            if (date.Month == 12 && date.Day >= 30) continue; // the day after next is in another year
            var between = date.AddDays(1);
            if (between >= SandwichRuleStart
                && between.DayOfWeek != DayOfWeek.Sunday
                && holidays.ContainsKey(between.AddDays(1))
                && !holidays.ContainsKey(between)
                && !extra.ContainsKey(between))
            {
                extra[between] = CitizensHolidayName;
            }
        }

        foreach (var (date, name) in extra) holidays[date] = name;
        var list = holidays.Select(kv => (kv.Key, kv.Value)).ToArray();
        return new YearTable(new ReadOnlyCollection<(DateOnly, string)>(list), new Dictionary<DateOnly, string>(holidays));
    }

    /// <summary>The 祝日 of the law (第2条) as in force in <paramref name="year"/>, plus one-off days.</summary>
    private static IEnumerable<(DateOnly Date, string Name)> NationalHolidays(int year)
    {
        yield return (new DateOnly(year, 1, 1), "元日");

        // Happy Monday system (ハッピーマンデー制度) from 2000.
        yield return (year >= 2000 ? NthMonday(year, 1, 2) : new DateOnly(year, 1, 15), "成人の日");

        if (year >= 1967) yield return (new DateOnly(year, 2, 11), "建国記念の日");

        // The emperor's birthday follows the reigning emperor; 2019 had none (12/23 was already 上皇's).
        if (year >= 2020) yield return (new DateOnly(year, 2, 23), "天皇誕生日");

        yield return (new DateOnly(year, 3, VernalEquinoxDay(year)), "春分の日");

        yield return (new DateOnly(year, 4, 29), year switch
        {
            >= 2007 => "昭和の日",
            >= 1989 => "みどりの日",
            _ => "天皇誕生日",
        });

        yield return (new DateOnly(year, 5, 3), "憲法記念日");
        if (year >= 2007) yield return (new DateOnly(year, 5, 4), "みどりの日");
        yield return (new DateOnly(year, 5, 5), "こどもの日");

        // 2020 and 2021 moved 海の日, スポーツの日 and 山の日 around the Tokyo Olympics (postponed a year).
        if (year == 2020) yield return (new DateOnly(2020, 7, 23), "海の日");
        else if (year == 2021) yield return (new DateOnly(2021, 7, 22), "海の日");
        else if (year >= 2003) yield return (NthMonday(year, 7, 3), "海の日");
        else if (year >= 1996) yield return (new DateOnly(year, 7, 20), "海の日");

        if (year == 2020) yield return (new DateOnly(2020, 8, 10), "山の日");
        else if (year == 2021) yield return (new DateOnly(2021, 8, 8), "山の日");
        else if (year >= 2016) yield return (new DateOnly(year, 8, 11), "山の日");

        if (year >= 2003) yield return (NthMonday(year, 9, 3), "敬老の日");
        else if (year >= 1966) yield return (new DateOnly(year, 9, 15), "敬老の日");

        yield return (new DateOnly(year, 9, AutumnalEquinoxDay(year)), "秋分の日");

        if (year == 2020) yield return (new DateOnly(2020, 7, 24), "スポーツの日");
        else if (year == 2021) yield return (new DateOnly(2021, 7, 23), "スポーツの日");
        else if (year >= 2022) yield return (NthMonday(year, 10, 2), "スポーツの日");
        else if (year >= 2000) yield return (NthMonday(year, 10, 2), "体育の日");
        else if (year >= 1966) yield return (new DateOnly(year, 10, 10), "体育の日");

        yield return (new DateOnly(year, 11, 3), "文化の日");
        yield return (new DateOnly(year, 11, 23), "勤労感謝の日");

        if (year is >= 1989 and <= 2018) yield return (new DateOnly(year, 12, 23), "天皇誕生日");

        foreach (var oneOff in OneOffs)
        {
            if (oneOff.Date.Year == year) yield return oneOff;
        }
    }

    /// <summary>The <paramref name="n"/>-th Monday of a month.</summary>
    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    // The usual approximation (国立天文台 data fitted per period). Outside 1900–2150 the nearest period's
    // constants are used: wrong by a day now and then, but such years are far outside what we handle.
    private static int VernalEquinoxDay(int year) => EquinoxDay(year, 20.8357, 20.8431, 21.8510);

    private static int AutumnalEquinoxDay(int year) => EquinoxDay(year, 23.2588, 23.2488, 24.2488);

    private static int EquinoxDay(int year, double before1980, double from1980, double from2100)
    {
        var (constant, leapBase) = year switch
        {
            < 1980 => (before1980, 1983),
            < 2100 => (from1980, 1980),
            _ => (from2100, 1980),
        };
        // The leap-year term is integer division truncating towards zero, as the formula is usually published
        // (C's int division); flooring it instead puts many 1950s–70s equinoxes a day late.
        var day = Math.Floor(constant + 0.242194 * (year - 1980) - (year - leapBase) / 4);
        // Far from the fitted periods the formula drifts; keep the day inside the month so nothing throws.
        return (int)Math.Clamp(day, 1, 30);
    }
}
