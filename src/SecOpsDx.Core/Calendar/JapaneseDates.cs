using System.Globalization;

namespace SecOpsDx.Core.Calendar;

/// <summary>Parsing of dates as Japanese offices write them (western and 和暦).</summary>
public static class JapaneseDates
{
    /// <summary>Parses ISO, slash and 和暦 forms. Returns false for anything that is not a real date.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
