using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Policies.Sync;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

public sealed class PolicyPagesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test");
        return await use(scope.ServiceProvider);
    }

    private Task<DocumentView> DocumentAsync(string slug) =>
        WithAsync(async sp => (await sp.GetRequiredService<PolicyQueries>().DocumentAsync(slug))!);

    [Fact]
    public async Task The_public_page_lists_only_public_documents_in_force_and_links_nowhere_else()
    {
        // A public document whose only revision is a draft, and one that takes effect next year: neither is published.
        var folder = Path.Combine(factory.DataDirectory, "extra-policies");
        Directory.CreateDirectory(folder);
        string File(string id, string effective, bool approved) => $"---\nid: {id}\ntitle: 非公開のはずの{id}\nkind: 基本方針\nversion: 1\neffective: {effective}\nowner: \"1030\"\nguideline: r7-03\npublic: true\napproved: {(approved ? "true" : "false")}\n---\n秘密の本文 {id}\n";
        await System.IO.File.WriteAllTextAsync(Path.Combine(folder, "draft.md"), File("public-draft", "2025-04-01", approved: false));
        await System.IO.File.WriteAllTextAsync(Path.Combine(folder, "future.md"), File("public-future", "2099-04-01", approved: true));
        await WithAsync(sp => sp.GetRequiredService<SyncPolicies>().ExecuteAsync(folder, default, mayApprove: true));
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/public/policies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("情報セキュリティ基本方針", html);
        Assert.DoesNotContain("情報セキュリティ対策基準", html);
        Assert.DoesNotContain("非公開のはずの", html);
        Assert.DoesNotContain("インシデント対応手順", html);
        var links = Regex.Matches(html, "<a [^>]*href=\"([^\"]*)\"").Select(m => m.Groups[1].Value)
            .Where(h => !h.EndsWith(".css", StringComparison.Ordinal) && !h.EndsWith(".png", StringComparison.Ordinal))
            // The organs' own pages where they published the policy (demo data) lead out of the app, not into it.
            .Where(h => !h.StartsWith("https://www.city.mirai.example.jp/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(["public/policies#main-content", "public/policies/basic-policy"], links);

        var text = await client.GetAsync("/public/policies/basic-policy");
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        var body = await text.Content.ReadAsStringAsync();
        Assert.Contains("第10条(方針の公表)", body);
        Assert.Contains("訓令第44号", body);
        foreach (var hidden in new[] { "security-standards", "public-draft", "public-future", "incident-response", "no-such-document" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/public/policies/{hidden}")).StatusCode);
    }

    [Fact]
    public async Task The_public_page_shows_which_organs_published_their_policy_with_dates_and_nothing_internal()
    {
        // The demo's 基本方針 is published by all organs but 農業委員会 and 固定資産評価審査委員会; the latter has now
        // published the (internal) 対策基準 as its policy, on the notice board.
        var standards = await DocumentAsync("security-standards");
        await WithAsync(async sp =>
        {
            await sp.GetRequiredService<RecordOrganPublication>().ExecuteAsync(standards.Id, "fixed-asset-review", true, new DateOnly(2026, 4, 10), "本庁舎1階 掲示場", 0);
            return 0;
        });

        var html = await (await factory.CreateBrowserLikeClient().GetAsync("/public/policies")).Content.ReadAsStringAsync();

        string Row(string organ) => Regex.Match(html, $"<tr data-testid=\"public-organ\" data-organ=\"{organ}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var assembly = Row("assembly");
        Assert.Contains("議会", assembly);
        Assert.Contains("令和8年3月31日", assembly);
        Assert.Contains("href=\"https://www.city.mirai.example.jp/assembly/cybersecurity-policy.html\"", assembly);
        Assert.Contains("href=\"public/policies/basic-policy\"", assembly);
        var board = Row("fixed-asset-review");
        Assert.Contains("令和8年4月10日", board);
        Assert.Contains("本庁舎1階 掲示場", board);
        Assert.DoesNotContain("対策基準", board);
        Assert.Contains("未公表", Row("agricultural-committee"));
        // Nothing of the register: no internal document, no count of the gap, no names of who recorded it.
        foreach (var hidden in new[] { "security-standards", "情報セキュリティ対策基準", "方針を公表していない機関" })
            Assert.DoesNotContain(hidden, html);
    }

    [Theory]
    [InlineData("/policies")]
    [InlineData("/policies/register")]
    [InlineData("/policies/acknowledge")]
    [InlineData("/policies/acknowledgments")]
    [InlineData("/policies/doc/basic-policy")]
    [InlineData("/policies/revisions/1")]
    [InlineData("/policies/compare/1/2")]
    [InlineData("/policies/compare/1/2.docx")]
    [InlineData("/policies/acknowledgments/1/missing.csv")]
    public async Task An_anonymous_visitor_reaches_nothing_but_the_public_page(string path)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("staff@example.jp", "/policies/register")]
    [InlineData("staff@example.jp", "/policies/revisions/1")]
    [InlineData("staff@example.jp", "/policies/compare/1/2")]
    [InlineData("staff@example.jp", "/policies/acknowledgments")]
    [InlineData("csirt@example.jp", "/policies/register")]
    [InlineData("manager@example.jp", "/policies/register")]
    [InlineData("csirt@example.jp", "/policies/revisions/1")]
    public async Task Staff_and_managers_cannot_open_the_register_or_the_editor(string email, string path)
    {
        var client = await SignIn.AsAsync(factory, email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_document_page_names_its_audience_and_the_importer_in_words_not_codes()
    {
        var ciso = await SignIn.AsAsync(factory, "ciso@example.jp");

        var html = System.Net.WebUtility.HtmlDecode(await ciso.GetStringAsync("/policies/doc/counter-service"));

        // Stored as "dept:2010 role:Ciso role:Admin"; imported at start by "system:startup".
        Assert.Contains("最高情報セキュリティ責任者(CISO)", html);
        Assert.Contains("市民課", html);
        Assert.DoesNotContain("role:", html);
        Assert.DoesNotContain("dept:", html);
        Assert.DoesNotContain("system:startup", html);
    }

    [Fact]
    public async Task The_owner_departments_manager_opens_the_draft_editor_and_another_departments_draft_is_refused_on_the_server()
    {
        // 市民課 owns the 窓口 procedure; 情報政策課 owns the 対策基準. The office opens a draft of each.
        var counter = await DocumentAsync("counter-service");
        var standards = await DocumentAsync("security-standards");
        var own = await WithAsync(sp => sp.GetRequiredService<StartRevision>().ExecuteAsync(counter.Id));
        var other = await WithAsync(sp => sp.GetRequiredService<StartRevision>().ExecuteAsync(standards.Id));
        var manager = await SignIn.AsAsync(factory, "manager@example.jp");

        var ownPage = await manager.GetAsync($"/policies/revisions/{own}");
        var otherPage = await manager.GetAsync($"/policies/revisions/{other}");
        var inForce = await manager.GetStringAsync($"/policies/revisions/{standards.InForce!.Id}");
        var ownDocument = await manager.GetStringAsync("/policies/doc/counter-service");
        var otherDocument = await manager.GetStringAsync("/policies/doc/security-standards");

        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
        var ownHtml = await ownPage.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"rev-body\"", ownHtml);
        Assert.Contains("data-testid=\"rev-submit\"", ownHtml);
        Assert.Contains("data-testid=\"rev-material\"", ownHtml);
        Assert.DoesNotContain("data-testid=\"rev-approve\"", ownHtml);

        var otherHtml = await otherPage.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"rev-not-available\"", otherHtml);
        Assert.DoesNotContain("data-testid=\"rev-body\"", otherHtml);
        Assert.DoesNotContain("ただし、画面転送による", otherHtml);
        Assert.Contains("data-testid=\"rev-not-available\"", inForce);

        Assert.Contains("data-testid=\"start-revision\"", ownDocument);
        Assert.Contains("所管部署: 市民課", ownDocument);
        Assert.DoesNotContain("data-testid=\"abolish-panel\"", ownDocument);
        Assert.DoesNotContain("data-testid=\"start-revision\"", otherDocument);
        Assert.DoesNotContain("data-testid=\"record-review\"", otherDocument);
        Assert.Contains("所管部署: 情報政策課", otherDocument);
    }

    [Fact]
    public async Task The_drafting_manager_opens_the_comparison_of_their_draft_but_not_of_another_departments_document()
    {
        // 市民課's manager drafts the 窓口 procedure (a draft another test may already have started is used as it is).
        var counter = await DocumentAsync("counter-service");
        var own = counter.Revisions.FirstOrDefault(r => r.State == PolicyRevisionState.Draft)?.Id
                  ?? await WithAsync(sp => sp.GetRequiredService<StartRevision>().ExecuteAsync(counter.Id));
        counter = await DocumentAsync("counter-service");
        var number = counter.Revisions.Single(r => r.Id == own).Number;
        var before = counter.Revisions.Where(r => r.Number < number).MaxBy(r => r.Number)!.Id;
        var manager = await SignIn.AsAsync(factory, "manager@example.jp");

        Assert.Contains($"href=\"policies/compare/{before}/{own}\" data-testid=\"rev-compare-draft\"", await manager.GetStringAsync($"/policies/revisions/{own}"));
        var sheet = await manager.GetStringAsync($"/policies/compare/{before}/{own}");
        Assert.Contains("data-testid=\"comparison-sheet\"", sheet);
        Assert.Contains("(傍線部分は改正部分)", sheet);
        var docx = await manager.GetAsync($"/policies/compare/{before}/{own}.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.True(docx.Headers.CacheControl?.NoStore, "a comparison that may hold an unapproved draft is never cached");

        // 情報政策課's 対策基準: neither the sheet nor the file.
        var standards = await DocumentAsync("security-standards");
        var (older, newer) = (standards.Revisions.Single(r => r.Number == 1).Id, standards.Revisions.Single(r => r.Number == 2).Id);
        var other = await manager.GetStringAsync($"/policies/compare/{older}/{newer}");
        Assert.Contains("data-testid=\"rev-not-available\"", other);
        Assert.DoesNotContain("data-testid=\"comparison-sheet\"", other);
        Assert.DoesNotContain("ただし、画面転送による", other);
        Assert.NotEqual(HttpStatusCode.OK, (await manager.GetAsync($"/policies/compare/{older}/{newer}.docx")).StatusCode);
    }

    [Theory]
    [InlineData("staff@example.jp", "/policies/compare/1/2.docx")]
    [InlineData("staff@example.jp", "/policies/acknowledgments/1/missing.csv")]
    public async Task Staff_cannot_download_the_comparison_or_the_missing_list(string email, string path)
    {
        var client = await SignIn.AsAsync(factory, email);
        var response = await client.GetAsync(path);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_CISO_sees_every_document_in_the_register_with_the_overdue_and_old_edition_flags()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");

        var html = await client.GetStringAsync("/policies/register");

        Assert.True(Regex.Matches(html, "data-testid=\"register-row\"").Count >= 12);
        Assert.Contains("data-slug=\"media-disposal\"", html);
        Assert.Contains("見直し要(期限超過", html);
        Assert.Contains("旧版ガイドライン", html);
        Assert.Contains("承認待ち", html);
    }

    [Fact]
    public async Task A_restricted_procedure_is_not_shown_to_staff_outside_its_audience()
    {
        var staff = await SignIn.AsAsync(factory, "staff@example.jp");
        var library = await staff.GetStringAsync("/policies");
        Assert.Contains("情報セキュリティ基本方針", library);
        Assert.DoesNotContain("三層の対策運用手順", library);
        Assert.Contains("文書が見つかりません", await staff.GetStringAsync("/policies/doc/three-layer-operations"));

        var csirt = await SignIn.AsAsync(factory, "csirt@example.jp");
        var page = await csirt.GetStringAsync("/policies/doc/three-layer-operations");
        Assert.Contains("マイナンバー利用事務系", page);
    }

    [Fact]
    public async Task Staff_read_a_pending_policy_acknowledge_it_with_the_form_and_it_leaves_their_list()
    {
        var client = await SignIn.AsAsync(factory, "staff@example.jp");
        var revisionId = (await DocumentAsync("basic-policy")).InForce!.Id;
        var list = await client.GetStringAsync("/policies/acknowledge");
        Assert.Contains($"href=\"policies/acknowledge/{revisionId}\"", list);

        var token = await SignIn.AntiforgeryTokenAsync(client, $"/policies/acknowledge/{revisionId}");
        var posted = await client.PostAsync($"/policies/acknowledge/{revisionId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "acknowledge",
            ["Input.RevisionId"] = revisionId.ToString(),
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("確認を記録しました", html);
        Assert.DoesNotContain($"href=\"policies/acknowledge/{revisionId}\"", html);
        Assert.Contains("確認済", await client.GetStringAsync($"/policies/acknowledge/{revisionId}"));
    }

    [Fact]
    public async Task Acknowledging_a_revision_not_meant_for_the_person_is_refused_with_a_message()
    {
        var client = await SignIn.AsAsync(factory, "staff@example.jp");
        var restricted = (await DocumentAsync("three-layer-operations")).InForce!.Id;
        var open = (await DocumentAsync("incident-response")).InForce!.Id;
        var token = await SignIn.AntiforgeryTokenAsync(client, $"/policies/acknowledge/{open}");

        var posted = await client.PostAsync($"/policies/acknowledge/{restricted}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "acknowledge",
            ["Input.RevisionId"] = restricted.ToString(),
        }));

        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("この文書はあなたの確認対象ではありません", html);
        Assert.DoesNotContain("マイナンバー利用事務系", html);
    }

    [Fact]
    public async Task The_manager_downloads_the_missing_list_as_csv_with_a_byte_order_mark()
    {
        var client = await SignIn.AsAsync(factory, "manager@example.jp");
        var document = await DocumentAsync("security-standards");
        var page = await client.GetStringAsync("/policies/acknowledgments");
        Assert.Contains("data-testid=\"rate-row\"", page);

        var response = await client.GetAsync($"/policies/acknowledgments/{document.Id}/missing.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("職員番号,氏名,所属,役職\r\n", csv);
        Assert.Contains("D0005,窓口 さくら,市民課,主事", csv);
        Assert.DoesNotContain("D0004", csv);
    }

    [Fact]
    public async Task The_CISO_downloads_the_comparison_as_a_word_file_with_underlined_changes()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");
        var document = await DocumentAsync("security-standards");
        var (older, newer) = (document.Revisions.Single(r => r.Number == 1).Id, document.Revisions.Single(r => r.Number == 2).Id);
        var page = await client.GetStringAsync($"/policies/compare/{older}/{newer}");
        Assert.Contains("(傍線部分は改正部分)", page);
        Assert.Contains("(削る)", page);

        var response = await client.GetAsync($"/policies/compare/{older}/{newer}.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("改正後", xml);
        Assert.Contains("w:orient=\"landscape\"", xml);
        Assert.Contains("<w:u w:val=\"single\" />", xml);
        Assert.Contains("ただし、画面転送による", xml);
    }
}
