using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SecOpsDx.Core.Separation;

public sealed record CatalogueItem(string Code, string Ja, string En)
{
    public string Label(bool english) => english ? En : Ja;
}

/// <summary>
/// How often a control is verified: every N months from the last verification, or in fixed months of the year
/// (e.g. April and October, after the staff transfers).
/// </summary>
public sealed record VerificationFrequency(int EveryMonths, IReadOnlyList<int> InMonths)
{
    public static VerificationFrequency Every(int months) => new(months, []);
    public static VerificationFrequency In(params int[] months) => new(0, months.Order().ToArray());

    public bool IsFixedMonths => InMonths.Count > 0;

    /// <summary>
    /// The day the next verification is due. Every N months: the same day N months after the last one. Fixed
    /// months: the last day of the first listed month after the month of the last verification, so a check
    /// done any day in April counts for April and the next is due by the end of October.
    /// </summary>
    public DateOnly NextDue(DateOnly lastVerified)
    {
        if (!IsFixedMonths) return lastVerified.AddMonths(EveryMonths);
        var month = new DateOnly(lastVerified.Year, lastVerified.Month, 1);
        for (var i = 1; i <= 12; i++)
        {
            var candidate = month.AddMonths(i);
            if (InMonths.Contains(candidate.Month)) return candidate.AddMonths(1).AddDays(-1);
        }
        throw new InvalidOperationException("no month listed");
    }
}

public sealed record ControlDefinition(
    string Id, IReadOnlyList<string> Segments, IReadOnlyList<string> Models, string Ja, string En,
    string RequirementJa, string RequirementEn, string EvidenceJa, string EvidenceEn, VerificationFrequency Frequency, bool IsLocal)
{
    public string Name(bool english) => english ? En : Ja;
    public string Requirement(bool english) => english ? RequirementEn : RequirementJa;
    public string Evidence(bool english) => english ? EvidenceEn : EvidenceJa;
    public bool AppliesTo(string model) => Models.Contains(model);
    public bool AppliesTo(string model, string segment) => Models.Contains(model) && Segments.Contains(segment);

    /// <summary>
    /// The ways the control may be met, when the catalogue lists them (無害化通信: mail converted to text, screen
    /// transfer, …); the owner records which are in use. Empty: the control is met one way only.
    /// </summary>
    public IReadOnlyList<CatalogueItem> Methods { get; init; } = [];

    public CatalogueItem? Method(string? code) => Methods.FirstOrDefault(m => m.Code == code);
}

/// <summary>An id the shipped catalogue no longer holds, and the control that took its place.</summary>
public sealed record RetiredControlId(string Id, string? ReplacedBy);

/// <summary>
/// Segments, models and controls of the three-layer separation, read from config/three-layer-controls.yaml and
/// the municipality's optional three-layer-controls.local.yaml (its own controls, or another frequency for ours).
/// A mistake in either file stops the start naming the file, the line and the reason.
/// </summary>
public sealed class ControlCatalogue
{
    public const string FileName = "three-layer-controls.yaml";
    public const string LocalFileName = "three-layer-controls.local.yaml";
    public const string AllModels = "all";

    public required IReadOnlyList<CatalogueItem> Segments { get; init; }
    public required IReadOnlyList<CatalogueItem> Models { get; init; }
    public required string DefaultModel { get; init; }
    public required IReadOnlyList<ControlDefinition> Controls { get; init; }
    /// <summary>Ids the shipped file says it no longer holds (merged or withdrawn), each with its successor if any.</summary>
    public IReadOnlyList<RetiredControlId> RetiredIds { get; init; } = [];

    public RetiredControlId? Retired(string? id) =>
        id is null ? null : RetiredIds.FirstOrDefault(r => string.Equals(r.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    public ControlDefinition? Control(string? id) =>
        id is null ? null : Controls.FirstOrDefault(c => string.Equals(c.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    public CatalogueItem? Segment(string? code) => Segments.FirstOrDefault(s => s.Code == code);
    public CatalogueItem? Model(string? code) => Models.FirstOrDefault(m => m.Code == code);

    /// <summary>The shipped file, then the local one beside it when present.</summary>
    public static ControlCatalogue Load(string path)
    {
        if (!File.Exists(path)) throw new CatalogueException($"{path}: file not found");
        var local = Path.Combine(Path.GetDirectoryName(path) ?? ".", LocalFileName);
        return Parse(File.ReadAllText(path), path, File.Exists(local) ? File.ReadAllText(local) : null, local);
    }

    public static ControlCatalogue Parse(string yaml, string source = FileName, string? localYaml = null, string localSource = LocalFileName)
    {
        var errors = new List<string>();
        var root = Root(yaml, source);
        var segments = Items(root, "segments", source, errors, out _);
        var models = Items(root, "models", source, errors, out var defaultModel);
        var segmentCodes = segments.Select(s => s.Code).ToHashSet();
        var modelCodes = models.Select(m => m.Code).ToHashSet();
        var controls = ReadControls(root, source, segmentCodes, modelCodes, errors, isLocal: false, existing: null);
        var retiredIds = ReadRetired(root, source, controls, errors);
        if (errors.Count > 0) throw new CatalogueException(string.Join(Environment.NewLine, errors));

        if (localYaml is not null)
        {
            var localRoot = Root(localYaml, localSource);
            foreach (var key in localRoot.Children.Keys.OfType<YamlScalarNode>())
                if (key.Value is not ("controls" or "frequencies"))
                    errors.Add($"{localSource}: line {key.Start.Line}: '{key.Value}' cannot be set here; only controls and frequencies");
            var localControls = ReadControls(localRoot, localSource, segmentCodes, modelCodes, errors, isLocal: true, existing: controls);
            // A retired id keeps its records; a local control under the same id would read them as its own.
            foreach (var c in localControls.Where(c => retiredIds.Any(r => r.Id == c.Id)))
                errors.Add($"{localSource}: control {c.Id}: id '{c.Id}' belonged to a control that has left the catalogue and keeps its records; choose another id");
            controls.AddRange(localControls);
            Overrides(localRoot, localSource, controls, retiredIds, errors);
            if (errors.Count > 0) throw new CatalogueException(string.Join(Environment.NewLine, errors));
        }

        return new ControlCatalogue
        {
            Segments = segments,
            Models = models,
            DefaultModel = defaultModel ?? models[0].Code,
            Controls = controls,
            RetiredIds = retiredIds,
        };
    }

    /// <summary>retired: [{id: LG-02, replacedBy: LG-06}]: ids this file dropped, so a local file that still names one is told where it went.</summary>
    private static List<RetiredControlId> ReadRetired(YamlMappingNode root, string source, List<ControlDefinition> controls, List<string> errors)
    {
        var result = new List<RetiredControlId>();
        if (Get(root, "retired") is not { } node) return result;
        if (node is not YamlSequenceNode list) { errors.Add($"{source}: line {node.Start.Line}: retired: expected a list of {{id, replacedBy}}"); return result; }
        foreach (var item in list.Children)
        {
            var where = $"{source}: line {item.Start.Line}: retired";
            var entry = item as YamlMappingNode;
            var id = entry is null ? null : Text(entry, "id")?.ToUpperInvariant();
            var replacedBy = entry is null ? null : Text(entry, "replacedBy")?.ToUpperInvariant();
            if (id is null) { errors.Add($"{where}: id is required"); continue; }
            if (controls.Any(c => c.Id == id)) errors.Add($"{where}: '{id}' is still a control in this file");
            else if (result.Any(r => r.Id == id)) errors.Add($"{where}: '{id}' appears twice");
            else if (replacedBy is not null && controls.All(c => c.Id != replacedBy)) errors.Add($"{where}: replacedBy: unknown control id '{replacedBy}'");
            else result.Add(new RetiredControlId(id, replacedBy));
        }
        return result;
    }

    private static YamlMappingNode Root(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new CatalogueException($"{source}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        if (stream.Documents.Count == 0) throw new CatalogueException($"{source}: the file is empty");
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new CatalogueException($"{source}: line {stream.Documents[0].RootNode.Start.Line}: expected keys (segments, models, controls)");
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Text(YamlMappingNode map, string key) =>
        Get(map, key) is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static List<CatalogueItem> Items(YamlMappingNode root, string name, string source, List<string> errors, out string? defaultCode)
    {
        defaultCode = null;
        var result = new List<CatalogueItem>();
        if (Get(root, name) is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            errors.Add($"{source}: line {root.Start.Line}: {name}: at least one entry is needed");
            return result;
        }
        foreach (var node in list.Children)
        {
            var where = $"{source}: line {node.Start.Line}: {name}";
            if (node is not YamlMappingNode map) { errors.Add($"{where}: expected code, ja and en"); continue; }
            var code = Text(map, "code")?.ToLowerInvariant();
            var ja = Text(map, "ja");
            var en = Text(map, "en");
            if (code is null || ja is null || en is null) { errors.Add($"{where}: code, ja and en are required"); continue; }
            if (result.Any(r => r.Code == code)) errors.Add($"{where}: code '{code}' appears twice");
            if (Text(map, "default") == "true")
            {
                if (defaultCode is not null) errors.Add($"{where}: only one entry can be the default");
                defaultCode = code;
            }
            result.Add(new CatalogueItem(code, ja, en));
        }
        return result;
    }

    private static List<ControlDefinition> ReadControls(YamlMappingNode root, string source, HashSet<string> segments, HashSet<string> models,
        List<string> errors, bool isLocal, List<ControlDefinition>? existing)
    {
        var result = new List<ControlDefinition>();
        var node = Get(root, "controls");
        if (node is null && isLocal) return result;
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            errors.Add($"{source}: line {(node ?? root).Start.Line}: controls: at least one entry is needed");
            return result;
        }
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map) { errors.Add($"{source}: line {item.Start.Line}: controls: expected an entry with id, segments, models, ..."); continue; }
            var id = Text(map, "id")?.ToUpperInvariant();
            var where = $"{source}: line {item.Start.Line}: control {id ?? "(no id)"}";
            var problems = errors.Count;
            if (id is null) errors.Add($"{where}: id is required");
            else if (result.Any(c => c.Id == id) || existing?.Any(c => c.Id == id) == true)
                errors.Add($"{where}: id '{id}' appears twice" + (isLocal ? " (to change a shipped control's frequency, use frequencies)" : ""));
            else if (id.Length > ControlLimits.ControlId) errors.Add($"{where}: id longer than {ControlLimits.ControlId} characters");

            var segs = List(map, "segments");
            if (segs is null || segs.Count == 0) errors.Add($"{where}: segments: at least one of {string.Join(", ", segments)}");
            else foreach (var s in segs.Where(s => !segments.Contains(s))) errors.Add($"{where}: segments: unknown segment '{s}'");

            List<string>? mods = Text(map, "models") == AllModels ? models.ToList() : List(map, "models");
            if (mods is null || mods.Count == 0) errors.Add($"{where}: models: 'all' or a list of {string.Join(", ", models)}");
            else foreach (var m in mods.Where(m => !models.Contains(m))) errors.Add($"{where}: models: unknown model '{m}'");

            var texts = new Dictionary<string, string?>();
            foreach (var key in new[] { "ja", "en", "requirementJa", "requirementEn", "evidenceJa", "evidenceEn" })
            {
                texts[key] = Text(map, key);
                if (texts[key] is null) errors.Add($"{where}: {key} is required");
            }
            var frequency = Frequency(map, where, errors);
            var methods = Methods(map, where, errors);
            if (errors.Count > problems) continue;
            result.Add(new ControlDefinition(id!, segs!, mods!, texts["ja"]!, texts["en"]!, texts["requirementJa"]!, texts["requirementEn"]!,
                texts["evidenceJa"]!, texts["evidenceEn"]!, frequency!, isLocal) { Methods = methods });
        }
        return result;
    }

    private static List<string>? List(YamlMappingNode map, string key) => Get(map, key) switch
    {
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => (s.Value ?? "").Trim().ToLowerInvariant()).ToList(),
        YamlScalarNode { Value: { } v } when !string.IsNullOrWhiteSpace(v) => [v.Trim().ToLowerInvariant()],
        _ => null,
    };

    /// <summary>methods: [{code, ja, en}]: the ways the control may be met; codes are kept with the status, so at most 40 characters.</summary>
    private static List<CatalogueItem> Methods(YamlMappingNode map, string where, List<string> errors)
    {
        var result = new List<CatalogueItem>();
        if (Get(map, "methods") is not { } node) return result;
        if (node is not YamlSequenceNode { Children.Count: >= 2 } list)
        {
            errors.Add($"{where}: methods: a list of two or more entries with code, ja and en");
            return result;
        }
        foreach (var item in list.Children)
        {
            var entry = item as YamlMappingNode;
            var code = entry is null ? null : Text(entry, "code")?.ToLowerInvariant();
            var ja = entry is null ? null : Text(entry, "ja");
            var en = entry is null ? null : Text(entry, "en");
            if (code is null || ja is null || en is null) { errors.Add($"{where}: methods: line {item.Start.Line}: code, ja and en are required"); continue; }
            if (code.Length > ControlLimits.MethodCode || code.Contains(',')) errors.Add($"{where}: methods: code '{code}' must be at most {ControlLimits.MethodCode} characters without commas");
            else if (result.Any(r => r.Code == code)) errors.Add($"{where}: methods: code '{code}' appears twice");
            else result.Add(new CatalogueItem(code, ja, en));
        }
        return result;
    }

    private static VerificationFrequency? Frequency(YamlMappingNode map, string where, List<string> errors)
    {
        var every = Text(map, "everyMonths");
        var inMonths = Get(map, "inMonths");
        if (every is not null && inMonths is not null) { errors.Add($"{where}: give everyMonths or inMonths, not both"); return null; }
        if (every is not null)
        {
            if (int.TryParse(every, out var n) && n is >= 1 and <= 60) return VerificationFrequency.Every(n);
            errors.Add($"{where}: everyMonths: a whole number from 1 to 60, not '{every}'");
            return null;
        }
        if (inMonths is YamlSequenceNode seq && seq.Children.Count > 0)
        {
            var months = new List<int>();
            foreach (var m in seq.Children.OfType<YamlScalarNode>())
            {
                if (int.TryParse(m.Value, out var month) && month is >= 1 and <= 12 && !months.Contains(month)) months.Add(month);
                else errors.Add($"{where}: inMonths: '{m.Value}' is not a month from 1 to 12 (each once)");
            }
            return months.Count > 0 ? VerificationFrequency.In([.. months]) : null;
        }
        errors.Add($"{where}: a frequency is required (everyMonths: N or inMonths: [months])");
        return null;
    }

    /// <summary>frequencies: {MN-04: {everyMonths: 3}} changes how often a shipped control is verified.</summary>
    private static void Overrides(YamlMappingNode root, string source, List<ControlDefinition> controls, List<RetiredControlId> retired, List<string> errors)
    {
        if (Get(root, "frequencies") is not { } node) return;
        if (node is not YamlMappingNode map) { errors.Add($"{source}: line {node.Start.Line}: frequencies: expected control ids with everyMonths or inMonths"); return; }
        foreach (var (key, value) in map.Children)
        {
            var id = (key as YamlScalarNode)?.Value?.Trim().ToUpperInvariant() ?? "";
            var where = $"{source}: line {key.Start.Line}: frequencies {id}";
            var index = controls.FindIndex(c => c.Id == id);
            if (index < 0 && retired.FirstOrDefault(r => r.Id == id) is { } gone)
            {
                errors.Add($"{where}: control '{id}' has left the catalogue" + (gone.ReplacedBy is { } next ? $" (replaced by {next}); give the frequency to {next} or remove this line" : "; remove this line"));
                continue;
            }
            if (index < 0) { errors.Add($"{where}: unknown control id '{id}'"); continue; }
            if (value is not YamlMappingNode entry) { errors.Add($"{where}: expected everyMonths or inMonths"); continue; }
            if (Frequency(entry, where, errors) is { } f) controls[index] = controls[index] with { Frequency = f };
        }
    }
}

public sealed class CatalogueException(string message) : Exception(message);
