using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>Staff follow their own reports, add to them, and cannot open anyone else's.</summary>
[Collection(AppCollection.Name)]
public sealed partial class ReporterJourneyTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"/incidents/(\d+)$")]
    private static partial Regex TicketUrl();

    [Fact]
    public async Task Staff_open_their_own_report_add_a_note_and_a_file_and_cannot_open_someone_elses()
    {
        // A report the CSIRT logged from a phone call: not the staff member's.
        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.ClickAsync("[data-testid=incident-log]");
        await csirt.FillAsync("[data-testid=log-title]", "外部から不審な電話があった");
        await csirt.ClickAsync("[data-testid=log-submit]");
        await csirt.Locator("[data-testid=triage-save]").WaitForAsync();
        var othersId = TicketUrl().Match(csirt.Url).Groups[1].Value;

        var staff = await fixture.SignInAsync("staff@example.jp");
        await staff.ClickAsync("[data-nav=report-incident]");
        await staff.FillAsync("[data-testid=report-title]", "USBメモリを私物PCに挿してしまった");
        await staff.ClickAsync("[data-testid=report-submit]");
        await Assertions.Expect(staff.Locator("[data-testid=report-created]")).ToContainTextAsync("管理番号");
        await staff.ClickAsync("[data-nav=my-reports]");
        var row = staff.Locator("[data-testid=my-report-row]", new() { HasText = "USBメモリを私物PCに挿してしまった" });
        await row.Locator("[data-testid=my-report-link]").ClickAsync();
        await Assertions.Expect(staff.Locator("[data-testid=incident-title]")).ToHaveTextAsync("USBメモリを私物PCに挿してしまった");
        await Assertions.Expect(staff.Locator("[data-testid=status-badge]").First).ToContainTextAsync("受付");
        await Axe.AssertNoSeriousAsync(staff);

        await staff.Locator("[data-testid=follow-up-form][data-ready=true]").WaitForAsync();
        await staff.FillAsync("[data-testid=follow-up-text]", "挿したのは11月25日の夕方、約10分間です");
        await staff.Locator("[data-testid=follow-up-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "写真メモ.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes("USBの型番: ABC-123"),
        });
        await staff.ClickAsync("[data-testid=follow-up-send]");
        await Assertions.Expect(staff.Locator("[data-testid=form-success]")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("[data-testid=timeline]")).ToContainTextAsync("約10分間");
        var href = await staff.Locator("[data-testid=my-file]").GetAttributeAsync("href");
        var download = await staff.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal("USBの型番: ABC-123", System.Text.Encoding.UTF8.GetString(await download.BodyAsync()));
        await Axe.AssertNoSeriousAsync(staff);
        var mine = staff.Url;

        // Someone else's report: neither the reporter's view nor the CSIRT's page opens.
        await staff.GotoAsync($"incidents/mine/{othersId}");
        await BrowserFixture.WaitUntilInteractiveAsync(staff);
        await Assertions.Expect(staff.Locator("h1")).ToContainTextAsync("見つかりません");
        await Assertions.Expect(staff.Locator("body")).Not.ToContainTextAsync("不審な電話");
        await staff.GotoAsync($"incidents/{othersId}");
        await Assertions.Expect(staff.Locator("body")).Not.ToContainTextAsync("不審な電話");
        await staff.Context.CloseAsync();

        // The CSIRT sees what the reporter added.
        var myId = Regex.Match(mine, @"/incidents/mine/(\d+)").Groups[1].Value;
        await csirt.GotoAsync($"incidents/{myId}");
        await BrowserFixture.WaitUntilInteractiveAsync(csirt);
        await Assertions.Expect(csirt.Locator("[data-testid=timeline]")).ToContainTextAsync("約10分間");
        await Assertions.Expect(csirt.Locator("[data-testid=evidence-row]")).ToContainTextAsync("写真メモ.txt");
        await csirt.Context.CloseAsync();
    }
}
