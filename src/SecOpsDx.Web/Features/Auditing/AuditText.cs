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
public sealed class AuditText(IStringLocalizer<SharedText> shared, IStringLocalizer<IncidentText> incidents, DateDisplayStyle style,
    IStringLocalizerFactory? words = null, IReadOnlyDictionary<(string Entity, string Field), Type>? enumFields = null)
{
    /// <summary>Where the features keep the words of their states and kinds (resource, key prefix).</summary>
    private static readonly Dictionary<Type, (Type Resource, string Prefix)> FeatureEnums = new()
    {
        [typeof(Core.Separation.ControlStatus)] = (typeof(ControlText), "Status."),
        [typeof(Core.Separation.VerificationResult)] = (typeof(ControlText), "Result."),
        [typeof(Core.Policies.PolicyRevisionStage)] = (typeof(PolicyText), "State."),
        [typeof(Core.Policies.PolicyChange)] = (typeof(PolicyText), "Change."),
        [typeof(Core.Policies.PolicyKind)] = (typeof(PolicyText), "Kind."),
        [typeof(Core.Training.TrainingKind)] = (typeof(TrainingText), "Kind."),
        [typeof(Core.Training.CompletionMethod)] = (typeof(TrainingText), "Method."),
        [typeof(Core.Organization.EmploymentCategory)] = (typeof(TrainingText), "Category."),
        [typeof(Core.Training.DrillStep)] = (typeof(TrainingText), "Step."),
        [typeof(ClosureKind)] = (typeof(IncidentText), "Closure."),
        [typeof(TimelineKind)] = (typeof(IncidentText), "TimelineKind."),
        [typeof(Core.Organization.Ldap.DirectoryFindingKind)] = (typeof(SharedText), "Directory.Kind."),
        [typeof(Core.Organization.Ldap.DirectoryFindingResolution)] = (typeof(SharedText), "Directory.Resolution."),
        [typeof(Core.Organization.Ldap.DirectoryRefusalReason)] = (typeof(SharedText), "Directory.Reason."),
    };

    /// <summary>Every enum-typed field of the model's records, by record and field name, so a value is worded by its own type.</summary>
    public static IReadOnlyDictionary<(string Entity, string Field), Type> EnumFieldsOf(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        // The model is built once per process; so is its list of enum fields.
        EnumFieldCache.GetValue(model, Read);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel,
        IReadOnlyDictionary<(string Entity, string Field), Type>> EnumFieldCache = new();

    private static IReadOnlyDictionary<(string Entity, string Field), Type> Read(Microsoft.EntityFrameworkCore.Metadata.IModel model) =>
        model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Select(p => (Entity: t.ClrType.Name.Split('`')[0], Field: p.Name,
                Type: Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType)))
            .Where(x => x.Type.IsEnum)
            .DistinctBy(x => (x.Entity, x.Field))
            .ToDictionary(x => (x.Entity, x.Field), x => x.Type);

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

    /// <summary>People and roles to name in place of their ids (set for the entries on show).</summary>
    public Core.Auditing.AuditNames Names { get; set; } = Core.Auditing.AuditNames.None;

    /// <summary>An id that is an account or a role, named; anything else as it is.</summary>
    private string? Named(string value) =>
        Names.People.TryGetValue(value, out var person) ? person
        : Names.Roles.TryGetValue(value, out var role) ? (shared.GetString($"Role.{role}") is { ResourceNotFound: false } r ? r.Value : role)
        : null;

    /// <summary>A record's key (parts joined by commas), with account and role ids named ("安全 花子, CSIRT要員" for a role grant).</summary>
    public string Key(string key) => string.Join(", ", key.Split(',').Select(part => Named(part) ?? part));

    /// <param name="entity">The record's type as the trail stores it; with it a state is worded by its own type.</param>
    public string? Value(string field, string? value, string? entity = null)
    {
        if (value is null) return null;
        if (Named(value) is { } named) return named;
        if (entity is not null && enumFields?.GetValueOrDefault((entity.Split('`')[0], field)) is { } own && EnumValue(own, value) is { } worded)
            return worded;
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

    private string? EnumValue(Type type, string value)
    {
        if (!Enum.TryParse(type, value, out var parsed)) return null;
        if (FeatureEnums.TryGetValue(type, out var where) && words is not null)
            return words.Create(where.Resource).GetString(where.Prefix + value) is { ResourceNotFound: false } w ? w.Value : null;
        var text = UserMessages.EnumText((Enum)parsed!);
        return text == value ? null : text;
    }
}
