using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// A document read from the library can be acknowledged from its page. An app of its own: giving the acknowledgment
/// changes what the other policy page tests expect the demo staff member to owe.
/// </summary>
public sealed class PolicyDocumentAcknowledgeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_reader_who_still_owes_an_acknowledgment_is_offered_it_on_the_document_page_and_not_after_giving_it()
    {
        var staff = await SignIn.AsAsync(factory, "staff@example.jp");
        var library = System.Net.WebUtility.HtmlDecode(await staff.GetStringAsync("/policies"));
        var slugs = System.Text.RegularExpressions.Regex.Matches(library, "href=\"policies/doc/([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        string? owedPage = null, owedSlug = null;
        foreach (var slug in slugs)
        {
            var html = await staff.GetStringAsync($"/policies/doc/{slug}");
            if (html.Contains("data-testid=\"document-acknowledge-link\"", StringComparison.Ordinal)) { (owedPage, owedSlug) = (html, slug); break; }
        }
        Assert.NotNull(owedPage);
        var revision = System.Text.RegularExpressions.Regex.Match(owedPage, "href=\"policies/acknowledge/(\\d+)\"").Groups[1].Value;

        // The link leads to the acknowledgment of that revision; once given, the document page no longer asks for it.
        Assert.Contains("data-testid=\"ack-form\"", await staff.GetStringAsync($"/policies/acknowledge/{revision}"));
        var token = await SignIn.AntiforgeryTokenAsync(staff, $"/policies/acknowledge/{revision}");
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["_handler"] = "acknowledge", ["Input.RevisionId"] = revision };
        var posted = await staff.PostAsync($"/policies/acknowledge/{revision}", new FormUrlEncodedContent(fields));
        Assert.Contains("data-testid=\"form-success\"", await posted.Content.ReadAsStringAsync());
        Assert.DoesNotContain("data-testid=\"document-acknowledge-link\"", await staff.GetStringAsync($"/policies/doc/{owedSlug}"));
    }
}
