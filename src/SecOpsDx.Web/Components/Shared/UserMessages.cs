using System.Globalization;
using System.Resources;
using SecOpsDx.Core;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// The one place where a refusal from Core becomes a sentence: the code's text from ErrorText*.resx in the
/// reader's language, its values filled in (numbers formatted, states and phases translated), prefixed by the
/// field's name where a field is at fault. Pages, the API and the command line all go through here.
/// </summary>
public static class UserMessages
{
    private static readonly ResourceManager Errors = new(typeof(ErrorText));
    private static readonly ResourceManager Incidents = new(typeof(IncidentText));

    /// <summary>Resource prefix of each enum a message may carry (their names live with the incident pages).</summary>
    private static readonly Dictionary<Type, string> EnumPrefixes = new()
    {
        [typeof(IncidentStatus)] = "Status",
        [typeof(HandlingPhase)] = "Phase",
        [typeof(ReportState)] = "ReportState",
        [typeof(IncidentSource)] = "Source",
        [typeof(NetworkSegment)] = "Segment",
    };

    /// <summary>The sentence for a refusal; for invalid input, one line per field.</summary>
    public static string Describe(DomainException e, CultureInfo? culture = null) => e is ValidationFailedException v
        ? string.Join("\n", Lines(v.Errors, culture))
        : Format(e.Code, e.Args, culture ?? CultureInfo.CurrentUICulture);

    /// <summary>"Field name: problem" for each problem.</summary>
    public static IEnumerable<string> Lines(IReadOnlyDictionary<string, IReadOnlyList<FieldError>> errors, CultureInfo? culture = null) =>
        errors.SelectMany(f => f.Value.Select(e => $"{FieldName(f.Key, culture)}: {Describe(e, culture)}"));

    /// <summary>A refused row of a roster file.</summary>
    public static string Describe(SecOpsDx.Core.Organization.Roster.RosterRowError e, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        var template = RosterTemplate(e.Kind, c) ?? e.Kind.ToString();
        return string.Format(c, template, e.Value);
    }

    public static string? RosterTemplate(SecOpsDx.Core.Organization.Roster.RosterErrorKind kind, CultureInfo culture) =>
        Errors.GetString("Roster." + kind, culture);

    public static string Describe(FieldError e, CultureInfo? culture = null) => Format(e.Code, e.Args, culture ?? CultureInfo.CurrentUICulture);

    public static string FieldName(string field, CultureInfo? culture = null) =>
        Errors.GetString("Field." + field, culture ?? CultureInfo.CurrentUICulture) ?? field;

    /// <summary>Null when the code has no text in that language (the translation test uses this).</summary>
    public static string? Template(string code, CultureInfo culture) => Errors.GetString("Error." + code, culture);

    public static string Format(string code, IReadOnlyList<object?> args, CultureInfo culture)
    {
        var template = Template(code, culture) ?? code;
        var values = args.Select(a => a is Enum e ? EnumText(e, culture) : a).ToArray();
        try
        {
            return string.Format(culture, template, values);
        }
        catch (FormatException)
        {
            return template;
        }
    }

    public static string EnumText(Enum value, CultureInfo? culture = null) =>
        EnumPrefixes.TryGetValue(value.GetType(), out var prefix)
            ? Incidents.GetString($"{prefix}.{value}", culture ?? CultureInfo.CurrentUICulture) ?? value.ToString()
            : value.ToString();
}
