using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SecOpsDx.Core.Policies.Sync;

/// <summary>A policy file read and checked: its front matter and its Markdown body.</summary>
public sealed record PolicyFileContent(
    string Slug, string Title, PolicyKind Kind, string? RuleNumber, int Number, DateOnly EffectiveOn, string OwnerDepartmentCode,
    int ReviewIntervalMonths, string GuidelineEdition, PolicyAudience Audience, bool IsPublic, PolicyChange Change, bool Approved,
    string Body, string Hash);

/// <summary>
/// Reads one Markdown policy file with YAML front matter between two "---" lines. Every problem is named by its
/// field, and YAML that cannot be read by its line, so the person who edits the file knows what to fix.
/// </summary>
public static class PolicyFile
{
    public static PolicyFileContent Parse(string text, GuidelineEditions editions)
    {
        text = text.Replace("\r\n", "\n").TrimStart('\uFEFF');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (!text.StartsWith("---\n", StringComparison.Ordinal)) throw new DomainException(ErrorCodes.FrontMatterMissing);
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0) throw new DomainException(ErrorCodes.FrontMatterMissing);
        var yaml = text[4..(end + 1)];
        var bodyStart = text.IndexOf('\n', end + 4);
        var body = bodyStart < 0 ? "" : text[(bodyStart + 1)..].Trim('\n');

        FrontMatter? fm;
        try
        {
            fm = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<FrontMatter>(yaml);
        }
        catch (YamlException e)
        {
            // The front matter starts on the file's second line.
            throw new DomainException(ErrorCodes.FrontMatterUnreadable, e.Start.Line + 1, (e.InnerException?.Message ?? e.Message).Trim());
        }
        if (fm is null) throw new DomainException(ErrorCodes.FrontMatterMissing);

        var errors = new FieldErrors();
        var slug = errors.Text("policyId", fm.Id, PolicyLimits.Slug, required: true);
        if (slug is not null && !slug.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            errors.Add("policyId", ErrorCodes.OneOf, "a-z 0-9 - _");
        var title = errors.Text("policyTitle", fm.Title, PolicyLimits.Title, required: true);
        var kind = Kind(errors, fm.Kind);
        var ruleNumber = errors.Text("ruleNumber", fm.RuleNumber, PolicyLimits.RuleNumber, required: false);
        if (fm.Version is null) errors.Add("version", ErrorCodes.Required);
        else if (fm.Version is < 1 or > 10_000) errors.Add("version", ErrorCodes.WholeNumberRange, 1, 10_000);
        DateOnly effective = default;
        if (string.IsNullOrWhiteSpace(fm.Effective)) errors.Add("effectiveOn", ErrorCodes.Required);
        else if (!DateOnly.TryParseExact(fm.Effective.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out effective))
            errors.Add("effectiveOn", ErrorCodes.DateUnreadable);
        var owner = errors.Text("ownerDepartment", fm.Owner, 20, required: true);
        if (fm.ReviewMonths is { } m && (m < 1 || m > PolicyLimits.MaxReviewMonths))
            errors.Add("reviewMonths", ErrorCodes.WholeNumberRange, 1, PolicyLimits.MaxReviewMonths);
        var edition = editions.Find(fm.Guideline);
        if (string.IsNullOrWhiteSpace(fm.Guideline)) errors.Add("guideline", ErrorCodes.Required);
        else if (edition is null) errors.Add("guideline", ErrorCodes.UnknownCode, fm.Guideline.Trim());
        var unknown = new List<string>();
        var audience = PolicyAudience.Parse(errors.Text("audience", fm.Audience, PolicyLimits.Audience, required: false), unknown);
        if (unknown.Count > 0) errors.Add("audience", ErrorCodes.UnknownCode, string.Join(" ", unknown));
        var change = (fm.Change?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "material" or "実質的改定" => PolicyChange.Material,
            "editorial" or "字句修正" => PolicyChange.Editorial,
            var other => Invalid(errors, "change", other, PolicyChange.Material, "material, editorial"),
        };
        var checkedBody = errors.Text("body", body, PolicyLimits.Body, required: true);
        errors.ThrowIfAny();

        return new PolicyFileContent(slug!, title!, kind, ruleNumber, fm.Version!.Value, effective, owner!, fm.ReviewMonths ?? 12,
            edition!.Code, audience, fm.Public ?? false, change, fm.Approved ?? false, checkedBody!, hash);
    }

    public static PolicyKind Kind(FieldErrors errors, string? text) => (text?.Trim().ToLowerInvariant()) switch
    {
        "基本方針" or "basic-policy" or "basicpolicy" => PolicyKind.BasicPolicy,
        "対策基準" or "standards" => PolicyKind.Standards,
        "実施手順" or "procedure" => PolicyKind.Procedure,
        null or "" => Invalid(errors, "kind", null, PolicyKind.BasicPolicy, ""),
        var other => Invalid(errors, "kind", other, PolicyKind.BasicPolicy, "基本方針, 対策基準, 実施手順"),
    };

    private static T Invalid<T>(FieldErrors errors, string field, string? value, T fallback, string allowed)
    {
        if (value is null) errors.Add(field, ErrorCodes.Required);
        else errors.Add(field, ErrorCodes.OneOf, allowed);
        return fallback;
    }

    private sealed class FrontMatter
    {
        public string? Id { get; set; }
        public string? Title { get; set; }
        public string? Kind { get; set; }
        public string? RuleNumber { get; set; }
        public int? Version { get; set; }
        public string? Effective { get; set; }
        public string? Owner { get; set; }
        public int? ReviewMonths { get; set; }
        public string? Guideline { get; set; }
        public string? Audience { get; set; }
        public bool? Public { get; set; }
        public string? Change { get; set; }
        public bool? Approved { get; set; }
    }
}
