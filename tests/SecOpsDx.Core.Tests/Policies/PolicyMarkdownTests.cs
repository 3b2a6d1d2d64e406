using SecOpsDx.Core.Policies;

namespace SecOpsDx.Core.Tests.Policies;

public sealed class PolicyMarkdownTests
{
    public static TheoryData<string> Payloads() =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "![x](javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<form action=\"https://evil.example\"><input name=a></form>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "[x](vbscript:msgbox(1))",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Scripts_event_handlers_script_links_and_raw_html_never_reach_the_page(string payload)
    {
        var html = PolicyMarkdown.ToSafeHtml("本文\n\n" + payload + "\n\n末尾");

        // Only real tags matter: raw HTML typed into the text is escaped and shown as text.
        var tags = System.Text.RegularExpressions.Regex.Matches(html, "<[a-zA-Z][^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(tags);
        foreach (var tag in tags)
        {
            Assert.DoesNotMatch(@"^<(script|iframe|form|input|svg|img|body|details|object|embed|style)\b", tag.ToLowerInvariant());
            Assert.DoesNotMatch(@"\son\w+\s*=", tag.ToLowerInvariant());
            Assert.DoesNotMatch(@"(javascript|vbscript|data):", tag.ToLowerInvariant());
            Assert.DoesNotContain("style=", tag, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("末尾", html);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_headings_lists_tables_and_web_links()
    {
        var html = PolicyMarkdown.ToSafeHtml("## 第1条(目的)\n\n1. 一\n2. 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[総務省](https://www.soumu.go.jp/)");

        Assert.Contains("<h2", html);
        Assert.Contains("第1条(目的)</h2>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("href=\"https://www.soumu.go.jp/\"", html);
    }

    [Fact]
    public void Raw_html_in_the_text_is_shown_as_text()
    {
        var html = PolicyMarkdown.ToSafeHtml("<b>太字</b>");
        Assert.Contains("&lt;b&gt;", html);
        Assert.DoesNotContain("<b>", html);
    }
}
