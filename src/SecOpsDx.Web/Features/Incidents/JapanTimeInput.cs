using System.Globalization;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Web.Features.Incidents;

/// <summary>A date, optionally with a time, typed as Japanese offices write it; read as Japan time.</summary>
public static class JapanTimeInput
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().Replace('　', ' ');
        var time = TimeOnly.MinValue;
        var space = t.LastIndexOf(' ');
        if (space > 0 && TimeOnly.TryParseExact(t[(space + 1)..], ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedTime))
        {
            time = parsedTime;
            t = t[..space];
        }
        if (!JapaneseDates.TryParseDate(t, out var date)) return false;
        value = new DateTimeOffset(date.ToDateTime(time), JapanTime.Offset);
        return true;
    }

    public static string Format(DateTimeOffset value) =>
        JapanTime.ToJapanTime(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
