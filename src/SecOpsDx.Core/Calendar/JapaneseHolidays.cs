using System.Collections.Concurrent;

namespace SecOpsDx.Core.Calendar;

/// <summary>
/// National holidays (国民の祝日) under the current law, from 2000 on: fixed days, Happy Monday days, the
/// equinoxes by the standard approximation, substitute holidays (振替休日), the sandwiched 国民の休日, and
/// the one-off days of 2019–2021.
/// </summary>
public static class JapaneseHolidays
{
    private static readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> Cache = new();

    public static bool IsHoliday(DateOnly date) => ForYear(date.Year).ContainsKey(date);

    public static string? NameOf(DateOnly date) => ForYear(date.Year).GetValueOrDefault(date);

    public static IReadOnlyList<(DateOnly Date, string Name)> InYear(int year) =>
        ForYear(year).OrderBy(h => h.Key).Select(h => (h.Key, h.Value)).ToList();

    private static IReadOnlyDictionary<DateOnly, string> ForYear(int year) => Cache.GetOrAdd(year, Compute);

    private static Dictionary<DateOnly, string> Compute(int year)
    {
        var days = new Dictionary<DateOnly, string>();
        if (year < 2000 || year > 2099) return days; // outside the range the rules below are written for
        void Add(int month, int day, string name) => days[new DateOnly(year, month, day)] = name;

        Add(1, 1, "元日");
        days[NthMonday(year, 1, 2)] = "成人の日";
        Add(2, 11, "建国記念の日");
        if (year >= 2020) Add(2, 23, "天皇誕生日");
        else if (year <= 2018) Add(12, 23, "天皇誕生日");
        Add(3, VernalEquinox(year), "春分の日");
        Add(4, 29, year >= 2007 ? "昭和の日" : "みどりの日");
        Add(5, 3, "憲法記念日");
        if (year >= 2007) Add(5, 4, "みどりの日");
        Add(5, 5, "こどもの日");
        if (year == 2020) Add(7, 23, "海の日");
        else if (year == 2021) Add(7, 22, "海の日");
        else days[year >= 2003 ? NthMonday(year, 7, 3) : new DateOnly(year, 7, 20)] = "海の日";
        if (year == 2020) Add(8, 10, "山の日");
        else if (year == 2021) Add(8, 8, "山の日");
        else if (year >= 2016) Add(8, 11, "山の日");
        days[year >= 2003 ? NthMonday(year, 9, 3) : new DateOnly(year, 9, 15)] = "敬老の日";
        Add(9, AutumnalEquinox(year), "秋分の日");
        if (year == 2020) Add(7, 24, "スポーツの日");
        else if (year == 2021) Add(7, 23, "スポーツの日");
        else days[NthMonday(year, 10, 2)] = year >= 2020 ? "スポーツの日" : "体育の日";
        Add(11, 3, "文化の日");
        Add(11, 23, "勤労感謝の日");
        if (year == 2019)
        {
            Add(4, 30, "国民の休日");
            Add(5, 1, "天皇の即位の日");
            Add(5, 2, "国民の休日");
            Add(10, 22, "即位礼正殿の儀の行われる日");
        }

        // 国民の休日: an ordinary day between two holidays.
        foreach (var d in days.Keys.ToList())
        {
            var next = d.AddDays(2);
            var between = d.AddDays(1);
            if (days.ContainsKey(next) && !days.ContainsKey(between) && between.DayOfWeek != DayOfWeek.Sunday && between.Year == year)
                days[between] = "国民の休日";
        }
        // 振替休日: a holiday on Sunday moves to the next day that is not a holiday.
        foreach (var d in days.Keys.Where(d => d.DayOfWeek == DayOfWeek.Sunday).OrderBy(d => d).ToList())
        {
            var substitute = d.AddDays(1);
            while (days.ContainsKey(substitute)) substitute = substitute.AddDays(1);
            if (substitute.Year == year) days[substitute] = "振替休日";
        }
        return days;
    }

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    private static int VernalEquinox(int year) => (int)Math.Floor(20.8431 + 0.242194 * (year - 1980) - Math.Floor((year - 1980) / 4.0));

    private static int AutumnalEquinox(int year) => (int)Math.Floor(23.2488 + 0.242194 * (year - 1980) - Math.Floor((year - 1980) / 4.0));
}
