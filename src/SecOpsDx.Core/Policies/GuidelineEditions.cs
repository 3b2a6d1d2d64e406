using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SecOpsDx.Core.Policies;

/// <summary>One edition of the national guideline (総務省「地方公共団体における情報セキュリティポリシーに関するガイドライン」).</summary>
public sealed record GuidelineEdition(string Code, string Ja, string En, DateOnly IssuedOn)
{
    public string Label(bool english) => english ? En : Ja;
}

/// <summary>
/// The editions the municipality tracks, from config/guideline-editions.yaml. Adding a newer one marks every
/// document that follows an older one 見直し要 until a review or a revision clears it.
/// </summary>
public sealed class GuidelineEditions
{
    public const string FileName = "guideline-editions.yaml";

    public required IReadOnlyList<GuidelineEdition> All { get; init; }

    /// <summary>The newest edition by date.</summary>
    public GuidelineEdition Latest => All[^1];

    public GuidelineEdition? Find(string? code) =>
        code is null ? null : All.FirstOrDefault(e => string.Equals(e.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a document that follows this edition is behind the newest one.</summary>
    public bool IsOutdated(string code) => Find(code) is not { } e || e.IssuedOn < Latest.IssuedOn;

    public static GuidelineEditions Load(string path)
    {
        if (!File.Exists(path)) throw new GuidelineEditionsException($"{path}: file not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static GuidelineEditions Parse(string yaml, string source = FileName)
    {
        Document? doc;
        try
        {
            doc = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<Document>(yaml);
        }
        catch (YamlException e)
        {
            throw new GuidelineEditionsException($"{source}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        if (doc?.Editions is not { Count: > 0 } items) throw new GuidelineEditionsException($"{source}: editions: at least one entry is needed");

        var errors = new List<string>();
        var result = new List<GuidelineEdition>();
        foreach (var item in items)
        {
            var where = $"line {item.Start.Line}";
            var code = item.Code?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(code) || string.IsNullOrWhiteSpace(item.Ja) || string.IsNullOrWhiteSpace(item.En))
            {
                errors.Add($"{where}: code, ja and en are required");
                continue;
            }
            if (!DateOnly.TryParseExact(item.Issued?.Trim(), "yyyy-MM-dd", out var issued))
            {
                errors.Add($"{where}: issued must be a date written yyyy-MM-dd (got '{item.Issued}')");
                continue;
            }
            if (result.Any(r => r.Code == code)) errors.Add($"{where}: code '{code}' appears twice");
            result.Add(new GuidelineEdition(code, item.Ja.Trim(), item.En.Trim(), issued));
        }
        if (errors.Count > 0) throw new GuidelineEditionsException($"{source}: " + string.Join("; ", errors));
        return new GuidelineEditions { All = result.OrderBy(e => e.IssuedOn).ToList() };
    }

    private sealed class Document
    {
        public List<EditionDocument>? Editions { get; set; }
    }

    private sealed class EditionDocument : IYamlConvertible
    {
        public Mark Start { get; private set; } = Mark.Empty;
        public string? Code { get; set; }
        public string? Ja { get; set; }
        public string? En { get; set; }
        public string? Issued { get; set; }

        public void Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer)
        {
            Start = parser.Current?.Start ?? Mark.Empty;
            var values = (Dictionary<string, string?>?)nestedObjectDeserializer(typeof(Dictionary<string, string?>)) ?? [];
            Code = values.GetValueOrDefault("code");
            Ja = values.GetValueOrDefault("ja");
            En = values.GetValueOrDefault("en");
            Issued = values.GetValueOrDefault("issued");
            var unknown = values.Keys.Except(["code", "ja", "en", "issued"]).ToList();
            if (unknown.Count > 0) throw new YamlException(Start, Start, $"unknown key '{unknown[0]}' (expected code, ja, en, issued)");
        }

        public void Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) => throw new NotSupportedException();
    }
}

public sealed class GuidelineEditionsException(string message) : Exception(message);
