using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(SecondAppCollection.Name)]
public sealed class PolicyJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_CISO_edits_a_revision_with_a_live_preview_compares_it_and_approves_the_one_another_drafted()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=policy-register]");
        await Assertions.Expect(ciso.Locator("[data-testid=register-row][data-slug=media-disposal] [data-testid=review-needed]")).ToContainTextAsync("期限超過");
        await Assertions.Expect(ciso.Locator("[data-testid=register-row][data-slug=telework] [data-testid=review-needed]")).ToContainTextAsync("旧版ガイドライン");
        await Axe.AssertNoSeriousAsync(ciso);

        // A new revision of the cloud procedure, edited in the browser.
        await ciso.ClickAsync("[data-testid=register-row][data-slug=cloud-services] a");
        await Assertions.Expect(ciso.Locator("[data-testid=policy-text]")).ToContainTextAsync("ISMAP");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.ClickAsync("[data-testid=start-revision]");
        await Assertions.Expect(ciso.Locator("[data-testid=revision-state]")).ToHaveTextAsync("下書き");
        var body = await ciso.InputValueAsync("[data-testid=rev-body]");
        await ciso.FillAsync("[data-testid=rev-body]", body.Replace("ISMAP登録簿に掲載されたもの", "ISMAP又はISMAP-LIUの登録簿に掲載されたもの"));
        await Assertions.Expect(ciso.Locator("[data-testid=rev-preview]")).ToContainTextAsync("ISMAP-LIU");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.ClickAsync("[data-testid=rev-submit]");
        await Assertions.Expect(ciso.Locator("[data-testid=revision-state]")).ToHaveTextAsync("承認待ち");

        // The 新旧対照表 underlines what changed.
        await ciso.ClickAsync("[data-testid=rev-compare]");
        await Assertions.Expect(ciso.Locator("[data-testid=comparison-note]")).ToHaveTextAsync("(傍線部分は改正部分)");
        await Assertions.Expect(ciso.Locator("[data-testid=comparison] td[data-side=new] u.changed").First).ToContainTextAsync("又はISMAP-LIUの");
        await Axe.AssertNoSeriousAsync(ciso);
        // Printed, it is the sheet alone on A4 landscape (842 × 595 points).
        await ciso.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(ciso.Locator(".sidebar")).ToBeHiddenAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=compare-docx]")).ToBeHiddenAsync();
        var pdf = System.Text.Encoding.Latin1.GetString(await ciso.PdfAsync(new() { PreferCSSPageSize = true }));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(pdf, @"/MediaBox \[0 0 84[12][.0-9]* 59[45][.0-9]*\]"), System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox[^\]]*\]").Value);
        await ciso.EmulateMediaAsync(new() { Media = Media.Screen });
        await ciso.GoBackAsync();

        // Approving one's own draft is refused by default.
        await ciso.Locator("[data-testid=rev-approve]").ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=form-error]")).ToContainTextAsync("自分が起案した版は承認できません");
        await Assertions.Expect(ciso.Locator("[data-testid=revision-state]")).ToHaveTextAsync("承認待ち");

        // The revision the Admin drafted is approved.
        await ciso.ClickAsync("[data-nav=policy-register]");
        await ciso.ClickAsync("[data-testid=register-row][data-slug=password-management] td:last-child a");
        await Assertions.Expect(ciso.Locator("[data-testid=revision-state]")).ToHaveTextAsync("承認待ち");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.ClickAsync("[data-testid=rev-approve]");
        await Assertions.Expect(ciso.Locator("[data-testid=form-success]")).ToContainTextAsync("承認しました");
        await Assertions.Expect(ciso.Locator("[data-testid=revision-state]")).ToHaveTextAsync("承認済(施行前)");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();
    }

    [Fact]
    public async Task The_owner_departments_manager_drafts_a_revision_sends_it_and_the_CISO_approves_it()
    {
        // 市民課's manager opens the 窓口 procedure their department owns and drafts an editorial change.
        var manager = await fixture.SignInAsync("manager@example.jp");
        await manager.ClickAsync("[data-nav=policy-library]");
        await Axe.AssertNoSeriousAsync(manager);
        await manager.ClickAsync("[data-testid=library-row] a >> text=窓口業務における情報セキュリティ実施手順");
        await Assertions.Expect(manager.Locator("[data-testid=document-drafters]")).ToContainTextAsync("所管部署: 市民課");
        await BrowserFixture.WaitUntilInteractiveAsync(manager);
        await Axe.AssertNoSeriousAsync(manager);
        await manager.ClickAsync("[data-testid=start-revision]");
        await Assertions.Expect(manager.Locator("[data-testid=revision-state]")).ToHaveTextAsync("下書き");
        await Assertions.Expect(manager.Locator("[data-testid=rev-body]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("画面をロックする"));
        var body = await manager.InputValueAsync("[data-testid=rev-body]");
        await manager.FillAsync("[data-testid=rev-body]", body.Replace("必ず画面をロックする", "必ず画面をロックし、離席札を置く"));
        await Assertions.Expect(manager.Locator("[data-testid=rev-preview]")).ToContainTextAsync("離席札を置く");
        await manager.CheckAsync("[data-testid=rev-editorial]");
        await Axe.AssertNoSeriousAsync(manager);
        await manager.ClickAsync("[data-testid=rev-submit]");
        await Assertions.Expect(manager.Locator("[data-testid=revision-state]")).ToHaveTextAsync("承認待ち");
        await Assertions.Expect(manager.Locator("[data-testid=awaiting-ciso]")).ToBeVisibleAsync();
        await Assertions.Expect(manager.Locator("[data-testid=rev-approve]")).ToHaveCountAsync(0);
        await Assertions.Expect(manager.Locator("[data-testid=policy-text]")).ToContainTextAsync("離席札を置く");
        await Axe.AssertNoSeriousAsync(manager);
        // The manager checks the 新旧対照表 of what they sent against the version in force.
        await manager.ClickAsync("[data-testid=rev-compare-draft]");
        await Assertions.Expect(manager.Locator("[data-testid=comparison-sheet]")).ToContainTextAsync("離席札を置く");
        await Assertions.Expect(manager.Locator("[data-testid=comparison-sheet]")).ToContainTextAsync("(傍線部分は改正部分)");
        await Axe.AssertNoSeriousAsync(manager);
        await manager.Context.CloseAsync();

        // The CISO finds it awaiting approval in the register and approves it.
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=policy-register]");
        var row = ciso.Locator("[data-testid=register-row][data-slug=counter-service]");
        await Assertions.Expect(row.Locator("td:last-child a")).ToContainTextAsync("承認待ち");
        await Axe.AssertNoSeriousAsync(ciso);
        await row.Locator("td:last-child a").ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=revision-state]")).ToHaveTextAsync("承認待ち");
        await Assertions.Expect(ciso.Locator("text=起案: 市民 一郎")).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(ciso);
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.ClickAsync("[data-testid=rev-approve]");
        await Assertions.Expect(ciso.Locator("[data-testid=form-success]")).ToContainTextAsync("承認しました");
        await Assertions.Expect(ciso.Locator("[data-testid=revision-state]")).Not.ToHaveTextAsync("承認待ち");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();
    }

    private async Task<decimal> IncidentProcedureRateAsync()
    {
        var manager = await fixture.SignInAsync("manager@example.jp");
        await manager.ClickAsync("[data-nav=policy-rates]");
        var cell = manager.Locator("[data-testid=rate-row][data-slug=incident-response] [data-testid=rate-percent]");
        var text = await cell.InnerTextAsync();
        await Axe.AssertNoSeriousAsync(manager);
        await manager.Context.CloseAsync();
        return decimal.Parse(text.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture); // "50.0%": one decimal since the one rounding rule
    }

    [Fact]
    public async Task Staff_see_a_policy_pending_read_and_acknowledge_it_and_the_managers_rate_rises()
    {
        var before = await IncidentProcedureRateAsync();

        var staff = await fixture.SignInAsync("staff@example.jp");
        await staff.ClickAsync("[data-nav=policy-acknowledge]");
        var task = staff.Locator("[data-testid=policy-task]", new() { HasText = "情報セキュリティインシデント対応手順" });
        await Assertions.Expect(task).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(staff);
        var fromTasks = await task.Locator("[data-testid=policy-task-link]").GetAttributeAsync("href");

        // Read from the library, the document itself offers the acknowledgment the task list leads to.
        await staff.GotoAsync("/policies");
        await staff.Locator("[data-testid=library-row] a", new() { HasText = "情報セキュリティインシデント対応手順" }).ClickAsync();
        await Assertions.Expect(staff.Locator("[data-testid=document-acknowledge]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(staff);
        Assert.Equal(fromTasks, await staff.Locator("[data-testid=document-acknowledge-link]").GetAttributeAsync("href"));
        await staff.ClickAsync("[data-testid=document-acknowledge-link]");
        await Assertions.Expect(staff.Locator("[data-testid=policy-text]")).ToContainTextAsync("CSIRTによる受付とトリアージ");
        await Axe.AssertNoSeriousAsync(staff);
        await staff.ClickAsync("[data-testid=ack-submit]");
        await Assertions.Expect(staff.Locator("[data-testid=form-success]")).ToContainTextAsync("確認を記録しました");
        await Assertions.Expect(staff.Locator("[data-testid=policy-task]", new() { HasText = "情報セキュリティインシデント対応手順" })).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Locator("[data-testid=policy-task]").First).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(staff);
        await staff.Context.CloseAsync();

        Assert.True(await IncidentProcedureRateAsync() > before);
    }

    [Fact]
    public async Task The_CISO_office_records_an_organs_publication_and_the_public_page_shows_it_and_the_basic_policy_without_signing_in()
    {
        // The dashboard counts the organs whose policy is not published (demo: 農業委員会 and 固定資産評価審査委員会) and
        // leads to the list behind the figure.
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.GotoAsync("/compliance");
        var figure = ciso.Locator("[data-testid=policies-unpublished-organs]");
        await Assertions.Expect(figure).ToHaveTextAsync("2件");
        await Assertions.Expect(ciso.Locator("[data-testid=area-policies] li[data-code=OrgansUnpublished]")).ToContainTextAsync("地方自治法第244条の6");
        await Axe.AssertNoSeriousAsync(ciso);
        await figure.Locator("a").ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=organs-unpublished-count]")).ToHaveTextAsync("方針を公表していない機関 2");
        await Assertions.Expect(ciso.Locator("[data-testid=organ-standing][data-organ=agricultural-committee]")).ToHaveAttributeAsync("data-published", "false");
        await Axe.AssertNoSeriousAsync(ciso);

        // On the 基本方針's page the office records 農業委員会's publication; a date without its place is refused first.
        await ciso.ClickAsync("[data-testid=organ-standing][data-organ=agricultural-committee] a");
        await BrowserFixture.WaitUntilInteractiveAsync(ciso);
        var row = ciso.Locator("[data-testid=organ-row][data-organ=agricultural-committee]");
        await Assertions.Expect(row.Locator("[data-testid=organ-covered]")).ToBeCheckedAsync();
        await Axe.AssertNoSeriousAsync(ciso);
        await row.Locator("[data-testid=organ-published-on]").FillAsync(TodayInJapan);
        await row.Locator("[data-testid=organ-save]").ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=organ-publications] [data-testid=form-error]")).ToContainTextAsync("公表先");
        await Assertions.Expect(row.Locator("[data-testid=organ-place]")).ToHaveAttributeAsync("aria-invalid", "true");
        await row.Locator("[data-testid=organ-place]").FillAsync("https://www.city.mirai.example.jp/nogyo/cybersecurity-policy.html");
        await row.Locator("[data-testid=organ-save]").ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=organ-publications] [data-testid=form-success]")).ToContainTextAsync("農業委員会の記録を保存しました");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.GotoAsync("/policies/organs");
        await Assertions.Expect(ciso.Locator("[data-testid=organs-unpublished-count]")).ToHaveTextAsync("方針を公表していない機関 1");
        await ciso.Context.CloseAsync();

        // Anyone sees, without signing in, that 農業委員会 has published, when and where.
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/public/policies");
        var organ = page.Locator("[data-testid=public-organ][data-organ=agricultural-committee]");
        await Assertions.Expect(organ).ToContainTextAsync("農業委員会");
        await Assertions.Expect(organ.Locator("time")).ToHaveAttributeAsync("datetime", TodayInJapan);
        await Assertions.Expect(organ.Locator("time")).ToContainTextAsync("令和");
        await Assertions.Expect(organ.Locator("a[href^='https://www.city.mirai.example.jp/nogyo/']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=public-organ][data-organ=fixed-asset-review]")).ToContainTextAsync("未公表");
        await Assertions.Expect(page.Locator("text=方針を公表していない機関")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=public-policy]")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousAsync(page);
        await page.ClickAsync("[data-testid=public-policy] a");
        await Assertions.Expect(page.Locator("[data-testid=policy-text]")).ToContainTextAsync("方針の公表");
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_abolishes_a_procedure_with_a_reason_and_the_page_says_so()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.GotoAsync("/policies/doc/contractor-management");
        await BrowserFixture.WaitUntilInteractiveAsync(admin);
        await Assertions.Expect(admin.Locator("h1").First).ToHaveTextAsync("業務委託先管理手順");
        await admin.ClickAsync("[data-testid=abolish-panel] summary");
        await Axe.AssertNoSeriousAsync(admin);

        // Without a reason nothing changes.
        await admin.FillAsync("[data-testid=abolish-on]", TodayInJapan);
        await admin.ClickAsync("[data-testid=abolish-submit]");
        await Assertions.Expect(admin.Locator("[data-testid=form-error]")).ToContainTextAsync("廃止の理由");
        await Assertions.Expect(admin.Locator("[data-testid=document-abolished]")).ToHaveCountAsync(0);

        await admin.FillAsync("[data-testid=abolish-reason]", "委託契約の管理を対策基準の附則に統合したため");
        await admin.ClickAsync("[data-testid=abolish-submit]");

        await Assertions.Expect(admin.Locator("[data-testid=form-success]")).ToContainTextAsync("廃止しました");
        await Assertions.Expect(admin.Locator("[data-testid=document-abolished]")).ToContainTextAsync("対策基準の附則に統合");
        await Assertions.Expect(admin.Locator("[data-testid=abolish-panel]")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(admin);
        await admin.Context.CloseAsync();
    }

    private static string TodayInJapan => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd");
}
