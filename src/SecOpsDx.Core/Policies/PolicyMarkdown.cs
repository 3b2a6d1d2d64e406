using Ganss.Xss;
using Markdig;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// Turns a revision's Markdown into HTML that is safe to put on a page: Markdig with raw HTML switched off (tags in
/// the text are shown as text), and the sanitizer behind it as a second wall, which drops scripts, event handlers
/// and links to anything but http, https and mailto.
/// </summary>
public static class PolicyMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) s.AllowedSchemes.Add(scheme);
        s.AllowedAttributes.Remove("style");
        s.AllowedCssProperties.Clear();
        s.AllowedTags.Remove("form");
        s.AllowedTags.Remove("input");
        s.AllowedTags.Remove("button");
        s.AllowedTags.Remove("img");
        return s;
    }

    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitizer.Sanitize(html);
    }
}
