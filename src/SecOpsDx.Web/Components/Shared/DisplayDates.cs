using System.Globalization;
using System.Security.Claims;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// Dates as the signed-in user prefers them (和暦 or western, from their profile), in Japan time and in their
/// language: 令和7年4月1日 / 2025年4月1日 in Japanese, 1 Apr 2025 (R7) / 1 Apr 2025 in English.
/// </summary>
public static class DisplayDates
{
    public static DateDisplayStyle StyleOf(ClaimsPrincipal? user) =>
        user?.FindFirst(AppClaims.DateStyle)?.Value == nameof(DateDisplayStyle.Western) ? DateDisplayStyle.Western : DateDisplayStyle.Wareki;

    /// <summary>A date before the first era the calendar knows (明治) is shown western rather than failing the page.</summary>
    public static string Format(DateOnly date, DateDisplayStyle style)
    {
        if (style == DateDisplayStyle.Wareki && date < Eras.Meiji.Start) style = DateDisplayStyle.Western;
        if (!AppCultures.IsEnglish) return JapaneseDates.Format(date, style);
        var western = date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        if (style == DateDisplayStyle.Western) return western;
        var era = Eras.Of(date);
        return $"{western} ({era.Abbreviation}{era.ToEraYear(date.Year).ToString(CultureInfo.InvariantCulture)})";
    }

    public static string Format(DateTimeOffset moment, DateDisplayStyle style, bool withTime)
    {
        var jst = JapanTime.ToJapanTime(moment);
        var text = Format(DateOnly.FromDateTime(jst.DateTime), style);
        return withTime ? $"{text} {jst.ToString("HH:mm", CultureInfo.InvariantCulture)}" : text;
    }

    /// <summary>令和7年度 in Japanese; FY2025 (R7) in English (a 年度 runs April to March).</summary>
    public static string Format(FiscalYear year) => AppCultures.IsEnglish
        ? $"FY{year.StartYear.ToString(CultureInfo.InvariantCulture)} ({year.ToShortWareki()})"
        : year.ToWarekiString();
}
