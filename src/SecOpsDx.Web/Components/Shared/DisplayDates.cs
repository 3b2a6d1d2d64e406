using System.Security.Claims;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>Dates as the signed-in user prefers them (和暦 or western, from their profile), in Japan time.</summary>
public static class DisplayDates
{
    public static DateDisplayStyle StyleOf(ClaimsPrincipal? user) =>
        user?.FindFirst(AppClaims.DateStyle)?.Value == nameof(DateDisplayStyle.Western) ? DateDisplayStyle.Western : DateDisplayStyle.Wareki;

    public static string Format(DateOnly date, DateDisplayStyle style) => JapaneseDates.Format(date, style);

    public static string Format(DateTimeOffset moment, DateDisplayStyle style, bool withTime) => JapaneseDates.Format(moment, style, withTime);
}
