using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>The duty to report to the PPC, whatever route a ticket took, and what closing a ticket asks for.</summary>
[Collection(SecondAppCollection.Name)]
public sealed partial class IncidentDutyJourneyTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"sdx_[a-z2-7]{8}_[A-Za-z0-9_-]+")]
    private static partial Regex IssuedToken();

    private async Task<string> IssueTokenAsync()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=api-tokens]");
        await admin.FillAsync("[data-testid=token-name]", "委託先監視-" + Guid.NewGuid().ToString("N")[..6]);
        await admin.ClickAsync("[data-testid='scope-incidents:read']");
        await Assertions.Expect(admin.Locator("[data-testid='scope-incidents:read']")).ToBeCheckedAsync();
        await admin.ClickAsync("[data-testid=token-create]");
        var token = IssuedToken().Match(await admin.Locator("[data-testid=form-success]").InnerTextAsync()).Value;
        await admin.Context.CloseAsync();
        return token;
    }

    private static async Task<DateTimeOffset> MomentOfAsync(ILocator time) =>
        DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_leak_reported_through_the_API_shows_the_same_PPC_deadline_on_the_ticket_the_list_the_CISO_page_and_the_API()
    {
        var api = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseUrl.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {await IssueTokenAsync()}" },
        });
        var body = new Dictionary<string, object>
        {
            ["title"] = "委託先サーバーから住民情報が流出した可能性", ["category"] = "vendor", ["source"] = "external", ["severity"] = "high",
            ["personalDataInvolved"] = true, ["personalRecordCount"] = 240,
        };
        var created = await api.APIRequest.PostAsync("/api/v1/incidents", new APIRequestContextOptions { DataObject = body });
        Assert.Equal(201, created.Status);
        var json = (await created.JsonAsync())!.Value;
        var (id, number) = (json.GetProperty("id").GetInt32(), json.GetProperty("number").GetString()!);
        var read = (await (await api.APIRequest.GetAsync($"/api/v1/incidents/{id}")).JsonAsync())!.Value.GetProperty("regulatory");
        Assert.True(read.GetProperty("mustReportToPpc").GetBoolean());
        var due = read.GetProperty("preliminaryDueAt").GetDateTimeOffset();
        Assert.Equal(due, read.GetProperty("nextDueAt").GetDateTimeOffset());
        var latest = read.GetProperty("preliminaryLatestAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(2), latest - due); // 速報: target day 3, at the latest day 5
        Assert.Equal("pending", read.GetProperty("noticeToIndividuals").GetProperty("state").GetString());
        await api.CloseAsync();

        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        var row = csirt.Locator($"[data-testid=incident-row][data-number='{number}']");
        Assert.Equal(due, await MomentOfAsync(row.Locator("[data-testid=next-due] time")));
        await row.Locator("[data-testid=incident-link]").ClickAsync();
        await Assertions.Expect(csirt.Locator("[data-testid=ppc-verdict]")).ToContainTextAsync("個人情報保護委員会への報告が必要");
        Assert.Equal(due, await MomentOfAsync(csirt.Locator("[data-testid=ppc-preliminary-due] time").First));
        Assert.Equal(latest, await MomentOfAsync(csirt.Locator("[data-testid=ppc-preliminary-due-outer] time")));
        await Assertions.Expect(csirt.Locator("[data-testid=ppc-law]")).ToContainTextAsync("個人情報保護法 第68条第1項");
        await Assertions.Expect(csirt.Locator("[data-testid=notice-state]")).ToContainTextAsync("要通知");
        await Assertions.Expect(csirt.Locator("[data-testid=ppc-rule]")).ToContainTextAsync("認知日を1日目");
        await Assertions.Expect(csirt.Locator("[data-testid=report-row][data-channel=ppc-preliminary]")).ToContainTextAsync("要報告");
        await Axe.AssertNoSeriousAsync(csirt);

        // The printable report starts from what the ticket knows.
        await csirt.GotoAsync($"incidents/{id}/print");
        await Assertions.Expect(csirt.Locator("[data-testid=print-municipality]")).ToHaveTextAsync("みらい市");
        await Assertions.Expect(csirt.Locator("[data-testid=print-field][data-field=AffectedPeople]")).ToContainTextAsync("240人");
        await Assertions.Expect(csirt.Locator("[data-testid=print-field][data-field=Summary]")).ToContainTextAsync("委託先サーバーから住民情報が流出した可能性");
        await Assertions.Expect(csirt.Locator("[data-testid=print-report]")).ToContainTextAsync("100人を超える");
        await Assertions.Expect(csirt.Locator("[data-testid=print-now]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(csirt);
        await csirt.ClickAsync("[data-testid=print-back]");
        await Assertions.Expect(csirt.Locator("[data-testid=incident-number]")).ToHaveTextAsync(number);
        await csirt.Context.CloseAsync();

        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=incident-dashboard]");
        var deadline = ciso.Locator($"[data-testid=deadline-row][data-number='{number}'][data-channel=ppc-preliminary]");
        Assert.Equal(due, await MomentOfAsync(deadline.Locator("time")));
        await Assertions.Expect(ciso.Locator($"[data-testid=notice-row][data-number='{number}']")).ToContainTextAsync("要通知");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();
    }

    [Fact]
    public async Task Closing_refuses_an_outstanding_report_accepts_a_waiver_only_with_a_reason_and_asks_about_open_tasks()
    {
        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.ClickAsync("[data-testid=incident-log]");
        await csirt.FillAsync("[data-testid=log-title]", "窓口で申請書の控えを別の住民に渡した");
        await csirt.ClickAsync("[data-testid=log-submit]");
        await csirt.Locator("[data-testid=triage-save]").WaitForAsync();

        await csirt.SelectOptionAsync("[data-testid=triage-category]", "misissue");
        await csirt.SelectOptionAsync("[data-testid=triage-severity]", "medium");
        await csirt.SelectOptionAsync("[data-testid=triage-personal]", "yes");
        await csirt.FillAsync("[data-testid=triage-count]", "1");
        await csirt.ClickAsync("[data-testid=t-sensitive]");
        await Assertions.Expect(csirt.Locator("[data-testid=t-sensitive]")).ToBeCheckedAsync();
        await csirt.ClickAsync("[data-testid=triage-save]");
        await Assertions.Expect(csirt.Locator("[data-testid=ppc-verdict]")).ToContainTextAsync("個人情報保護委員会への報告が必要");
        await csirt.FillAsync("[data-testid=task-title]", "本人へ謝罪の電話をする");
        await csirt.ClickAsync("[data-testid=task-add]");
        await Assertions.Expect(csirt.Locator("[data-testid=task-row]")).ToContainTextAsync("謝罪");
        await csirt.ClickAsync("[data-testid=start-handling]");
        await csirt.ClickAsync("[data-testid=start-post]");
        await csirt.FillAsync("[data-testid=close-resolution]", "控えを回収した");
        await csirt.FillAsync("[data-testid=close-root-cause]", "番号札の確認漏れ");
        await csirt.FillAsync("[data-testid=close-lessons]", "交付時に氏名と番号札を読み上げて照合する");

        // 要報告 is not a question: closing is refused and says why.
        await csirt.ClickAsync("[data-testid=close-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=form-error]")).ToContainTextAsync("要報告");

        // 速報 is sent; 確報 is not made, which needs a reason.
        await csirt.SelectOptionAsync("[data-testid=record-channel]", "ppc-preliminary");
        await csirt.SelectOptionAsync("[data-testid=record-state]", "Submitted");
        await csirt.ClickAsync("[data-testid=record-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=report-row][data-channel=ppc-preliminary]")).ToContainTextAsync("報告済");
        await csirt.SelectOptionAsync("[data-testid=record-channel]", "ppc-final");
        await csirt.SelectOptionAsync("[data-testid=record-state]", "Waived");
        await csirt.ClickAsync("[data-testid=record-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=form-error]")).ToContainTextAsync("報告しない理由");
        await Assertions.Expect(csirt.Locator("[data-testid=report-row][data-channel=ppc-final]")).ToContainTextAsync("要報告");
        await csirt.FillAsync("[data-testid=record-note]", "速報の後、委員会から確報は不要との回答を得た");
        await csirt.ClickAsync("[data-testid=record-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=report-row][data-channel=ppc-final]")).ToContainTextAsync("報告しない");

        // The PPC is done with, but the resident has not been told: closing is still refused.
        await csirt.ClickAsync("[data-testid=close-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=form-error]")).ToContainTextAsync("要通知");
        // A notice given needs how it was given.
        await csirt.SelectOptionAsync("[data-testid=record-channel]", "notice-individuals");
        await csirt.SelectOptionAsync("[data-testid=record-state]", "Submitted");
        await csirt.ClickAsync("[data-testid=record-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=form-error]")).ToContainTextAsync("通知した方法");
        await Assertions.Expect(csirt.Locator("[data-testid=report-row][data-channel=notice-individuals]")).ToContainTextAsync("要通知");
        await csirt.FillAsync("[data-testid=record-method]", "電話");
        await csirt.ClickAsync("[data-testid=record-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=report-row][data-channel=notice-individuals]")).ToContainTextAsync("通知済");
        await Assertions.Expect(csirt.Locator("[data-testid=notice-state]")).ToContainTextAsync("電話");
        await Axe.AssertNoSeriousAsync(csirt);

        // An open task and the empty report form are asked about; cancelling keeps the ticket open.
        await csirt.ClickAsync("[data-testid=close-submit]");
        var ends = csirt.Locator("[data-testid=close-loose-ends]");
        await Assertions.Expect(ends).ToContainTextAsync("本人へ謝罪の電話をする");
        await Axe.AssertNoSeriousAsync(csirt);
        await csirt.ClickAsync("[data-testid=close-cancel]");
        await Assertions.Expect(csirt.Locator("[data-testid=status-badge]").First).ToContainTextAsync("事後対応");
        await csirt.ClickAsync("[data-testid=close-submit]");
        await csirt.ClickAsync("[data-testid=close-confirm]");
        await Assertions.Expect(csirt.Locator("[data-testid=status-badge]").First).ToContainTextAsync("クローズ");
        await csirt.Context.CloseAsync();
    }
}
