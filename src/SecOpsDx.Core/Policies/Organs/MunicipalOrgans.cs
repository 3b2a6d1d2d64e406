using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SecOpsDx.Core.Policies;

/// <summary>One organ of the municipality that must have and publish a cybersecurity policy (議会, 市長, 教育委員会, …).</summary>
public sealed record Organ(string Code, string Ja, string En)
{
    public string Label(bool english) => english ? En : Ja;
}

/// <summary>
/// The municipality's organs, from config/organs.yaml, in the order the file lists them. Kept in a file rather than
/// in the database: the list follows from the law and the municipality's own set-up, changes perhaps once in years
/// (an organ shared with a neighbour, a 人事委員会 instead of a 公平委員会), and is edited the way the guideline
/// editions are, checked at start with the line that is wrong.
/// </summary>
public sealed partial class MunicipalOrgans
{
    public const string FileName = "organs.yaml";
    public const int MaxCodeLength = 40;

    public required IReadOnlyList<Organ> All { get; init; }

    public Organ? Find(string? code) =>
        code is null ? null : All.FirstOrDefault(o => string.Equals(o.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The organ's name in the reader's language; the stored code when the organ has left the file.</summary>
    public string Label(string code, bool english) => Find(code)?.Label(english) ?? code;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();

    public static MunicipalOrgans Load(string path)
    {
        if (!File.Exists(path)) throw new MunicipalOrgansException($"{path}: file not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static MunicipalOrgans Parse(string yaml, string source = FileName)
    {
        Document? doc;
        try
        {
            doc = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<Document>(yaml);
        }
        catch (YamlException e)
        {
            throw new MunicipalOrgansException($"{source}: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        if (doc?.Organs is not { Count: > 0 } items) throw new MunicipalOrgansException($"{source}: organs: at least one entry is needed");

        var errors = new List<string>();
        var result = new List<Organ>();
        foreach (var item in items)
        {
            var where = $"line {item.Start.Line}";
            var code = item.Code?.Trim();
            if (string.IsNullOrEmpty(code) || string.IsNullOrWhiteSpace(item.Ja) || string.IsNullOrWhiteSpace(item.En))
            {
                errors.Add($"{where}: code, ja and en are required");
                continue;
            }
            if (code.Length > MaxCodeLength || !CodePattern().IsMatch(code))
            {
                errors.Add($"{where}: code '{code}' must be lower-case letters, digits and hyphens, at most {MaxCodeLength} characters");
                continue;
            }
            if (result.Any(r => r.Code == code)) errors.Add($"{where}: code '{code}' appears twice");
            result.Add(new Organ(code, item.Ja.Trim(), item.En.Trim()));
        }
        if (errors.Count > 0) throw new MunicipalOrgansException($"{source}: " + string.Join("; ", errors));
        return new MunicipalOrgans { All = result };
    }

    private sealed class Document
    {
        public List<OrganDocument>? Organs { get; set; }
    }

    private sealed class OrganDocument : IYamlConvertible
    {
        public Mark Start { get; private set; } = Mark.Empty;
        public string? Code { get; set; }
        public string? Ja { get; set; }
        public string? En { get; set; }

        public void Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer)
        {
            Start = parser.Current?.Start ?? Mark.Empty;
            var values = (Dictionary<string, string?>?)nestedObjectDeserializer(typeof(Dictionary<string, string?>)) ?? [];
            Code = values.GetValueOrDefault("code");
            Ja = values.GetValueOrDefault("ja");
            En = values.GetValueOrDefault("en");
            var unknown = values.Keys.Except(["code", "ja", "en"]).ToList();
            if (unknown.Count > 0) throw new YamlException(Start, Start, $"unknown key '{unknown[0]}' (expected code, ja, en)");
        }

        public void Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) => throw new NotSupportedException();
    }
}

public sealed class MunicipalOrgansException(string message) : Exception(message);
