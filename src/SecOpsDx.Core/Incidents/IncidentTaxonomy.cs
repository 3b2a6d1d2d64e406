using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SecOpsDx.Core.Incidents;

public sealed record TaxonomyItem(string Code, string Ja, string En, int Rank = 0)
{
    public string Label(bool english) => english ? En : Ja;
}

/// <summary>
/// The PPC's reporting periods (DOMAIN §4.4). <paramref name="PreliminaryDays"/> is the 速報's target and
/// <paramref name="PreliminaryOuterDays"/> its outer edge, both calendar days with the day of awareness as day 1 and never
/// rolled forward; the 確報 is due on day <paramref name="FinalDays"/> (<paramref name="FinalDaysImproperIntent"/> when
/// 不正の目的 may be involved), rolled to the next day the national government is open when
/// <paramref name="RollForwardOnClosedDays"/> is set.
/// </summary>
public sealed record PersonalDataReportingRules(
    int PeopleThreshold, int PreliminaryDays, int FinalDays, int FinalDaysImproperIntent, bool RollForwardOnClosedDays,
    int PreliminaryOuterDays = 5);

public enum TicketNumbering { Western, Wareki }

/// <summary>
/// Categories, severities and reporting rules, read from config/incident-taxonomy.yaml so that a municipality
/// can follow changes in the rules without a new release.
/// </summary>
public sealed class IncidentTaxonomy
{
    public const string FileName = "incident-taxonomy.yaml";
    public const string PpcPreliminary = "ppc-preliminary";
    public const string PpcFinal = "ppc-final";
    public const string NoticeIndividuals = "notice-individuals";

    public required TicketNumbering Numbering { get; init; }
    public required IReadOnlyList<TaxonomyItem> Categories { get; init; }
    public required IReadOnlyList<TaxonomyItem> Severities { get; init; }
    public required IReadOnlyList<TaxonomyItem> Channels { get; init; }
    public required PersonalDataReportingRules PersonalData { get; init; }

    public TaxonomyItem? Category(string? code) => Find(Categories, code);
    public TaxonomyItem? Severity(string? code) => Find(Severities, code);
    public TaxonomyItem? Channel(string? code) => Find(Channels, code);

    /// <summary>Ticket number as configured: 2026-0012, or R8-0012 in 和暦.</summary>
    public string FormatNumber(Calendar.FiscalYear year, int sequence) => Numbering == TicketNumbering.Wareki
        ? $"{year.ToShortWareki()}-{sequence:D4}"
        : $"{year.StartYear}-{sequence:D4}";

    /// <summary>The canonical code for a value a person or system gave, or an error on the field when it is unknown.</summary>
    public string? CheckCode(FieldErrors errors, string field, string? code, Func<string?, TaxonomyItem?> find)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var item = find(code);
        if (item is null) errors.Add(field, ErrorCodes.UnknownCode, code.Trim());
        return item?.Code;
    }

    private static TaxonomyItem? Find(IReadOnlyList<TaxonomyItem> items, string? code) =>
        code is null ? null : items.FirstOrDefault(i => string.Equals(i.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    public static IncidentTaxonomy Load(string path)
    {
        if (!File.Exists(path)) throw new TaxonomyException($"{path}: file not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static IncidentTaxonomy Parse(string yaml, string source = FileName)
    {
        Document doc;
        try
        {
            doc = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<Document>(yaml) ?? throw new TaxonomyException($"{source}: the file is empty");
        }
        catch (YamlException e)
        {
            throw new TaxonomyException($"{source}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }

        var errors = new List<string>();
        var numbering = doc.Numbering?.Trim().ToLowerInvariant() switch
        {
            null or "western" => TicketNumbering.Western,
            "wareki" => TicketNumbering.Wareki,
            var other => Fail(errors, $"numbering: '{other}' is neither western nor wareki", TicketNumbering.Western),
        };
        var categories = Items(doc.Categories, "categories", errors);
        var severities = Items(doc.Severities, "severities", errors);
        var channels = Items(doc.Channels, "channels", errors);
        foreach (var required in new[] { PpcPreliminary, PpcFinal, NoticeIndividuals })
            if (channels.All(c => c.Code != required)) errors.Add($"channels: '{required}' is required");

        var p = doc.PersonalDataReporting;
        if (p is null) errors.Add("personalDataReporting: missing");
        else
        {
            if (p.PeopleThreshold is null or < 1) errors.Add("personalDataReporting.peopleThreshold: a whole number of 1 or more");
            if (p.PreliminaryDays is null or < 1) errors.Add("personalDataReporting.preliminaryDays: a whole number of 1 or more");
            else if (p.PreliminaryOuterDays is { } outer && outer < p.PreliminaryDays)
                errors.Add("personalDataReporting.preliminaryOuterDays: a whole number no smaller than preliminaryDays");
            if (p.FinalDays is null or < 1) errors.Add("personalDataReporting.finalDays: a whole number of 1 or more");
            if (p.FinalDaysImproperIntent is null or < 1) errors.Add("personalDataReporting.finalDaysImproperIntent: a whole number of 1 or more");
        }
        if (errors.Count > 0) throw new TaxonomyException($"{source}: " + string.Join("; ", errors));

        return new IncidentTaxonomy
        {
            Numbering = numbering,
            Categories = categories,
            Severities = severities.OrderBy(s => s.Rank).ToList(),
            Channels = channels,
            PersonalData = new PersonalDataReportingRules(p!.PeopleThreshold!.Value, p.PreliminaryDays!.Value, p.FinalDays!.Value,
                p.FinalDaysImproperIntent!.Value, p.RollForwardOnClosedDays ?? true, p.PreliminaryOuterDays ?? Math.Max(5, p.PreliminaryDays.Value)),
        };
    }

    private static T Fail<T>(List<string> errors, string message, T fallback)
    {
        errors.Add(message);
        return fallback;
    }

    private static List<TaxonomyItem> Items(List<ItemDocument>? items, string name, List<string> errors)
    {
        if (items is null || items.Count == 0)
        {
            errors.Add($"{name}: at least one entry is needed");
            return [];
        }
        var result = new List<TaxonomyItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var code = item.Code?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(code) || string.IsNullOrWhiteSpace(item.Ja) || string.IsNullOrWhiteSpace(item.En))
            {
                errors.Add($"{name}[{i + 1}]: code, ja and en are required");
                continue;
            }
            if (result.Any(r => r.Code == code)) errors.Add($"{name}: code '{code}' appears twice");
            result.Add(new TaxonomyItem(code, item.Ja.Trim(), item.En.Trim(), item.Rank ?? 0));
        }
        return result;
    }

    private sealed class Document
    {
        public string? Numbering { get; set; }
        public List<ItemDocument>? Categories { get; set; }
        public List<ItemDocument>? Severities { get; set; }
        public List<ItemDocument>? Channels { get; set; }
        public RulesDocument? PersonalDataReporting { get; set; }
    }

    private sealed class ItemDocument
    {
        public string? Code { get; set; }
        public string? Ja { get; set; }
        public string? En { get; set; }
        public int? Rank { get; set; }
    }

    private sealed class RulesDocument
    {
        public int? PeopleThreshold { get; set; }
        public int? PreliminaryDays { get; set; }
        public int? PreliminaryOuterDays { get; set; }
        public int? FinalDays { get; set; }
        public int? FinalDaysImproperIntent { get; set; }
        public bool? RollForwardOnClosedDays { get; set; }
    }
}

public sealed class TaxonomyException(string message) : Exception(message);
