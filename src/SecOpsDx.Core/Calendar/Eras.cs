using System.Globalization;

namespace SecOpsDx.Core.Calendar;

/// <summary>
/// A Japanese era (元号). Dates are proleptic Gregorian: no lunisolar conversion is done, so
/// 明治 dates before 明治6年 (1873, when Japan adopted the Gregorian calendar) are not historically exact.
/// </summary>
/// <param name="Name">Kanji name, e.g. 令和.</param>
/// <param name="Abbreviation">Single upper-case letter, e.g. R.</param>
/// <param name="Start">First day of the era.</param>
/// <param name="End">Last day of the era; null for the current era.</param>
public sealed record Era(string Name, string Abbreviation, DateOnly Start, DateOnly? End)
{
    /// <summary>Western year = era year + offset (令和: 2018).</summary>
    public int YearOffset => Start.Year - 1;

    public int ToWesternYear(int eraYear) => eraYear + YearOffset;

    public int ToEraYear(int westernYear) => westernYear - YearOffset;

    public bool Contains(DateOnly date) => date >= Start && (End is null || date <= End.Value);

    /// <summary>True when [first, last] shares at least one day with the era.</summary>
    public bool Overlaps(DateOnly first, DateOnly last) => last >= Start && (End is null || first <= End.Value);
}

/// <summary>
/// Our own era table. Deliberately independent of <see cref="JapaneseCalendar"/> and ICU data so that
/// era logic (including 元年) behaves identically on every machine.
/// </summary>
public static class Eras
{
    public static readonly Era Meiji = new("明治", "M", new DateOnly(1868, 1, 25), new DateOnly(1912, 7, 29));
    public static readonly Era Taisho = new("大正", "T", new DateOnly(1912, 7, 30), new DateOnly(1926, 12, 24));
    public static readonly Era Showa = new("昭和", "S", new DateOnly(1926, 12, 25), new DateOnly(1989, 1, 7));
    public static readonly Era Heisei = new("平成", "H", new DateOnly(1989, 1, 8), new DateOnly(2019, 4, 30));
    public static readonly Era Reiwa = new("令和", "R", new DateOnly(2019, 5, 1), null);

    /// <summary>All known eras, oldest first.</summary>
    public static IReadOnlyList<Era> All { get; } = [Meiji, Taisho, Showa, Heisei, Reiwa];

    /// <summary>First day covered by the table (明治 start).</summary>
    public static DateOnly EarliestSupportedDate => Meiji.Start;

    /// <summary>The era in force on <paramref name="date"/>; false before 明治.</summary>
    public static bool TryGetEra(DateOnly date, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Era? era)
    {
        for (var i = All.Count - 1; i >= 0; i--)
        {
            if (All[i].Contains(date))
            {
                era = All[i];
                return true;
            }
        }
        era = null;
        return false;
    }

    /// <summary>The era in force on <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before 明治 (1868-01-25).</exception>
    public static Era Of(DateOnly date) =>
        TryGetEra(date, out var era)
            ? era
            : throw new ArgumentOutOfRangeException(nameof(date), date, $"Dates before {EarliestSupportedDate:yyyy-MM-dd} have no supported era.");

    /// <summary>
    /// Finds an era by kanji name (令和) or abbreviation (R, r, Ｒ, ｒ). Surrounding whitespace is ignored.
    /// </summary>
    public static bool TryFind(string? nameOrAbbreviation, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Era? era)
    {
        era = null;
        if (nameOrAbbreviation is null) return false;
        var key = JapaneseText.Normalize(nameOrAbbreviation).Trim();
        foreach (var e in All)
        {
            if (key == e.Name || string.Equals(key, e.Abbreviation, StringComparison.OrdinalIgnoreCase))
            {
                era = e;
                return true;
            }
        }
        return false;
    }

    /// <summary>Era year as written in Japanese: 1 → 元, otherwise invariant digits.</summary>
    public static string FormatEraYear(int eraYear) =>
        eraYear == 1 ? "元" : eraYear.ToString(CultureInfo.InvariantCulture);
}
