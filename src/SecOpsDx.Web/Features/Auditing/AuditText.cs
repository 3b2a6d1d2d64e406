using System.Globalization;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Auditing;

/// <summary>
/// An audit entry in the reader's words: what kind of record changed (not the class name), the field's name, and
/// its values with states translated and times in Japan time in the reader's date style. The stored entry itself
/// is never changed; unknown names and values are shown as stored.
/// </summary>
public sealed class AuditText(IStringLocalizer<SharedText> shared, IStringLocalizer<IncidentText> incidents, DateDisplayStyle style)
{
    private static readonly Dictionary<string, Type> EnumFields = new()
    {
        ["Status"] = typeof(IncidentStatus), ["Phase"] = typeof(HandlingPhase), ["State"] = typeof(ReportState),
        ["Source"] = typeof(IncidentSource), ["Segment"] = typeof(NetworkSegment),
    };

    /// <summary>IdentityUserRole`1 → IdentityUserRole → ロールの割り当て.</summary>
    public string Entity(string type)
    {
        var name = type.Split('`')[0];
        return shared.GetString($"AuditEntity.{name}") is { ResourceNotFound: false } s ? s : name;
    }

    public string Field(string field) => shared.GetString($"AuditField.{field}") is { ResourceNotFound: false } s ? s : field;

    public string? Value(string field, string? value)
    {
        if (value is null) return null;
        if (EnumFields.TryGetValue(field, out var type) && Enum.TryParse(type, value, out var e)) return UserMessages.EnumText((Enum)e!);
        if (field == "Closure") return incidents.GetString($"Closure.{value}") is { ResourceNotFound: false } c ? c : value;
        if (field == "Kind") return incidents.GetString($"TimelineKind.{value}") is { ResourceNotFound: false } k ? k : value;
        if (value is "True" or "False") return shared[value == "True" ? "Common.Yes" : "Common.No"];
        // Moments are stored as ISO 8601 (with an offset, or UTC without one); dates as yyyy-MM-dd.
        if (value.Length >= 19 && value[4] == '-' && value[10] == 'T'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            return moment.Year > 9000 ? shared["Audit.NoEnd"] : DisplayDates.Format(moment, style, withTime: true);
        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return DisplayDates.Format(date, style);
        return value;
    }
}
