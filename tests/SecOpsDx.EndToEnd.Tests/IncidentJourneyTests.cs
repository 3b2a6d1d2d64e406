using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(SecondAppCollection.Name)]
public sealed partial class IncidentJourneyTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"\d{4}-\d{4}")]
    private static partial Regex TicketNumber();

    private async Task<int> OpenIncidentsSeenByCisoAsync()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=incident-dashboard]");
        var text = await ciso.Locator("[data-testid=open-total]").InnerTextAsync();
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();
        return int.Parse(text);
    }

    [Fact]
    public async Task Staff_report_an_incident_the_CSIRT_triages_handles_and_closes_it_and_the_CISO_count_follows()
    {
        // A member of staff reports what happened.
        var staff = await fixture.SignInAsync("staff@example.jp");
        await staff.ClickAsync("[data-nav=report-incident]");
        await staff.Locator("[data-testid=report-title]").WaitForAsync();
        await Axe.AssertNoSeriousAsync(staff);
        await staff.FillAsync("[data-testid=report-title]", "住民宛ての通知を別の住民に誤送付した");
        await staff.FillAsync("[data-testid=report-description]", "窓口で封入を誤り、2名分の通知が入れ替わった");
        await staff.FillAsync("[data-testid=report-when]", "令和8年11月24日 15:10");
        await staff.FillAsync("[data-testid=report-where]", "市民課窓口");
        await staff.ClickAsync("[data-testid=report-pd-yes]");
        await Assertions.Expect(staff.Locator("[data-testid=report-pd-yes]")).ToBeCheckedAsync();
        await staff.ClickAsync("[data-testid=report-submit]");
        var created = staff.Locator("[data-testid=report-created]");
        await Assertions.Expect(created).ToContainTextAsync("管理番号");
        var number = TicketNumber().Match(await created.InnerTextAsync()).Value;
        await Axe.AssertNoSeriousAsync(staff);
        await staff.ClickAsync("[data-nav=my-reports]");
        await Assertions.Expect(staff.Locator("[data-testid=my-report-row]", new() { HasText = number })).ToContainTextAsync("受付");
        await Axe.AssertNoSeriousAsync(staff);
        await staff.Context.CloseAsync();

        var openBefore = await OpenIncidentsSeenByCisoAsync();

        // The CSIRT triages it, works it and closes it.
        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.Locator($"[data-testid=incident-row][data-number='{number}'] [data-testid=incident-link]").ClickAsync();
        await Assertions.Expect(csirt.Locator("[data-testid=incident-number]")).ToHaveTextAsync(number);
        await Axe.AssertNoSeriousAsync(csirt);

        await csirt.SelectOptionAsync("[data-testid=triage-category]", "mismail");
        await csirt.SelectOptionAsync("[data-testid=triage-severity]", "medium");
        await csirt.FillAsync("[data-testid=triage-count]", "2");
        await csirt.ClickAsync("[data-testid=t-sensitive]");
        await Assertions.Expect(csirt.Locator("[data-testid=t-sensitive]")).ToBeCheckedAsync();
        await csirt.ClickAsync("[data-testid=triage-save]");
        await Assertions.Expect(csirt.Locator("[data-testid=form-success]")).ToContainTextAsync("トリアージ");
        await Assertions.Expect(csirt.Locator("[data-testid=ppc-verdict]")).ToContainTextAsync("個人情報保護委員会への報告が必要");
        await Assertions.Expect(csirt.Locator("[data-testid=ppc-final-due]")).ToContainTextAsync("残り");
        await Axe.AssertNoSeriousAsync(csirt);

        await csirt.ClickAsync("[data-testid=start-handling]");
        await Assertions.Expect(csirt.Locator("[data-testid=status-badge]").First).ToContainTextAsync("対応中");
        await csirt.FillAsync("[data-testid=timeline-text]", "誤送付先の住民宅を訪問し、通知を回収した");
        await csirt.ClickAsync("[data-testid=timeline-add]");
        await Assertions.Expect(csirt.Locator("[data-testid=timeline-entry]").First).ToContainTextAsync("通知を回収した");

        await csirt.FillAsync("[data-testid=task-title]", "本人へ謝罪し、正しい通知を再送付する");
        await csirt.FillAsync("[data-testid=task-due]", "R8.12.1");
        await csirt.ClickAsync("[data-testid=task-add]");
        await Assertions.Expect(csirt.Locator("[data-testid=task-row]")).ToContainTextAsync("再送付");
        // The emptied field's counter starts again from 0.
        await Assertions.Expect(csirt.Locator("#task-title-count [data-count]")).ToHaveTextAsync("0");
        await csirt.ClickAsync("[data-testid=task-done]");
        await Assertions.Expect(csirt.Locator("[data-testid=task-row]")).ToContainTextAsync("完了");

        var evidence = System.Text.Encoding.UTF8.GetBytes("回収した通知の写真の代わりのテキスト");
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(evidence));
        await csirt.Locator("[data-testid=evidence-upload][data-ready=true]").WaitForAsync();
        // The limit is stated before a file is chosen.
        await Assertions.Expect(csirt.Locator("label[for=evidence-file]")).ToContainTextAsync("50 MB");
        await csirt.Locator("[data-testid=evidence-file]").SetInputFilesAsync(new FilePayload { Name = "回収記録.txt", MimeType = "text/plain", Buffer = evidence });
        await Assertions.Expect(csirt.Locator("[data-testid=evidence-add]")).ToBeEnabledAsync();
        await csirt.ClickAsync("[data-testid=evidence-add]");
        await Assertions.Expect(csirt.Locator("[data-testid=evidence-sha256]")).ToContainTextAsync(sha256);
        await Axe.AssertNoSeriousAsync(csirt);
        var href = await csirt.Locator("[data-testid=evidence-download]").GetAttributeAsync("href");
        var download = await csirt.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal(sha256, download.Headers["x-evidence-sha256"]);
        Assert.Equal(evidence, await download.BodyAsync());

        await csirt.ClickAsync("[data-testid=start-post]");
        await csirt.ClickAsync("[data-testid=close-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=form-error]")).ToContainTextAsync("対応結果");
        await csirt.FillAsync("[data-testid=close-resolution]", "回収し、本人へ謝罪と正しい通知の再送付を行った");
        await csirt.FillAsync("[data-testid=close-root-cause]", "封入時の照合を一人で行っていた");
        await csirt.FillAsync("[data-testid=close-lessons]", "封入は二人で読み合わせて照合する");
        await csirt.ClickAsync("[data-testid=close-submit]");
        // The PPC reports are still due: the ticket stays open and says why, keeping what was typed.
        await Assertions.Expect(csirt.Locator("[data-testid=form-error]")).ToContainTextAsync("要報告");
        await Assertions.Expect(csirt.Locator("[data-testid=close-lessons]")).ToHaveValueAsync("封入は二人で読み合わせて照合する");

        // Nothing is chosen in advance on the report form; the CSIRT records both reports explicitly.
        await Assertions.Expect(csirt.Locator("[data-testid=record-channel]")).ToHaveValueAsync("");
        await Assertions.Expect(csirt.Locator("[data-testid=record-state]")).ToHaveValueAsync("");
        foreach (var channel in new[] { "ppc-preliminary", "ppc-final" })
        {
            await csirt.SelectOptionAsync("[data-testid=record-channel]", channel);
            await csirt.SelectOptionAsync("[data-testid=record-state]", "Submitted");
            await csirt.ClickAsync("[data-testid=record-submit]");
            await Assertions.Expect(csirt.Locator($"[data-testid=report-row][data-channel={channel}]")).ToContainTextAsync("報告済");
        }
        // The two residents were told in person; the notice is recorded with how.
        await csirt.SelectOptionAsync("[data-testid=record-channel]", "notice-individuals");
        await csirt.SelectOptionAsync("[data-testid=record-state]", "Submitted");
        await csirt.FillAsync("[data-testid=record-method]", "訪問して説明");
        await csirt.ClickAsync("[data-testid=record-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=report-row][data-channel=notice-individuals]")).ToContainTextAsync("通知済");
        // The report form to the PPC is still empty: closing asks first, listing what is left.
        await csirt.ClickAsync("[data-testid=close-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=close-loose-ends]")).ToContainTextAsync("報告書の記載事項");
        await Axe.AssertNoSeriousAsync(csirt);
        await csirt.ClickAsync("[data-testid=close-confirm]");
        await Assertions.Expect(csirt.Locator("[data-testid=status-badge]").First).ToContainTextAsync("クローズ");
        await Assertions.Expect(csirt.Locator("[data-testid=incident-resolution]")).ToContainTextAsync("再送付");
        await Axe.AssertNoSeriousAsync(csirt);
        await csirt.Context.CloseAsync();

        // The CISO sees one open incident fewer.
        Assert.Equal(openBefore - 1, await OpenIncidentsSeenByCisoAsync());
    }

    [Fact]
    public async Task A_CSIRT_member_logs_a_phone_report_and_judges_it_not_an_incident()
    {
        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.ClickAsync("[data-testid=incident-log]");
        await csirt.SelectOptionAsync("[data-testid=log-channel]", "phone");
        await Axe.AssertNoSeriousAsync(csirt);
        await csirt.FillAsync("[data-testid=log-title]", "住民から「市役所を名乗る不審な電話があった」との連絡");
        await csirt.ClickAsync("[data-testid=log-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=incident-number]")).ToHaveTextAsync(TicketNumber());

        await csirt.Locator("summary", new() { HasText = "インシデント非該当" }).ClickAsync();
        await csirt.FillAsync("[data-testid=not-incident-reason]", "市の情報資産への影響なし。消費生活センターを案内した");
        await csirt.ClickAsync("[data-testid=not-incident-submit]");

        await Assertions.Expect(csirt.Locator("[data-testid=status-badge]").First).ToContainTextAsync("インシデント非該当");
        await Axe.AssertNoSeriousAsync(csirt);
        await csirt.Context.CloseAsync();
    }

    [Fact]
    public async Task When_two_CSIRT_members_triage_the_same_ticket_the_second_is_told_and_the_first_is_kept()
    {
        var first = await fixture.SignInAsync("csirt@example.jp");
        await first.ClickAsync("[data-nav=incidents]");
        await first.ClickAsync("[data-testid=incident-log]");
        await first.FillAsync("[data-testid=log-title]", "庁内ネットワークで不審な通信を検知");
        await first.ClickAsync("[data-testid=log-submit]");
        await Assertions.Expect(first.Locator("[data-testid=incident-number]")).ToHaveTextAsync(TicketNumber());
        var url = first.Url;

        var second = await fixture.SignInAsync("csirt@example.jp");
        await second.GotoAsync(url);
        await BrowserFixture.WaitUntilInteractiveAsync(second);

        await first.SelectOptionAsync("[data-testid=triage-category]", "unauth");
        await first.SelectOptionAsync("[data-testid=triage-severity]", "high");
        await first.ClickAsync("[data-testid=triage-save]");
        await Assertions.Expect(first.Locator("[data-testid=form-success]")).ToBeVisibleAsync();

        await second.SelectOptionAsync("[data-testid=triage-category]", "malware");
        await second.SelectOptionAsync("[data-testid=triage-severity]", "low");
        await second.ClickAsync("[data-testid=triage-save]");
        await Assertions.Expect(second.Locator("[data-testid=form-error]")).ToContainTextAsync("他の利用者が先に");
        await Assertions.Expect(second.Locator("[data-testid=triage-category]")).ToHaveValueAsync("malware");
        await Axe.AssertNoSeriousAsync(second);

        await second.ClickAsync("[data-testid=reload]");
        await Assertions.Expect(second.Locator("[data-testid=triage-category]")).ToHaveValueAsync("unauth");
        await Assertions.Expect(second.Locator("[data-testid=severity-badge]").First).ToContainTextAsync("高");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }
}
