using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>The three-layer controls as the CISO and a control owner use them on the demo municipality.</summary>
[Collection(SecondAppCollection.Name)]
public sealed class ControlJourneyTests(BrowserFixture fixture)
{
    private async Task<string> MyNumberFigureAsync()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=controls-matrix]");
        var figure = ciso.Locator("[data-testid=segment-figure][data-segment=mynumber] [data-testid=segment-count]");
        await figure.WaitForAsync();
        var text = await figure.InnerTextAsync();
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();
        return text;
    }

    [Fact]
    public async Task The_CISO_reads_the_matrix_opens_a_cell_and_approves_an_exception()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=controls-matrix]");
        await Assertions.Expect(ciso.Locator("[data-testid=segment-figure]")).ToHaveCountAsync(3);
        await Assertions.Expect(ciso.Locator("[data-testid=segment-figure][data-segment=lgwan] [data-testid=segment-percent]")).ToContainTextAsync("%");
        // Under model α the α′-only controls show as not applying; a cell says its status in words as well as colour.
        await Assertions.Expect(ciso.Locator("[data-testid=matrix-cell][data-control=AP-01][data-segment=lgwan]")).ToContainTextAsync("モデル上対象外");
        var cell = ciso.Locator("[data-testid=matrix-cell][data-control=CM-03][data-segment=mynumber] [data-testid=matrix-link]");
        await Assertions.Expect(cell).ToContainTextAsync("未実施");
        await Axe.AssertNoSeriousAsync(ciso);

        await cell.ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=control-id]")).ToHaveTextAsync("CM-03");
        await Assertions.Expect(ciso.Locator("[data-testid=control-standing]")).ToContainTextAsync("未実施");
        await Assertions.Expect(ciso.Locator("[data-testid=exception-row][data-control=CM-03]")).ToContainTextAsync("まもなく期限");
        await Axe.AssertNoSeriousAsync(ciso);

        await ciso.ClickAsync("[data-nav=controls-exceptions]");
        await Assertions.Expect(ciso.Locator("[data-testid=exception-row][data-control=IN-05]")).ToContainTextAsync("期限切れ");
        var pending = ciso.Locator("[data-testid=exception-row][data-control=MN-05]");
        await Assertions.Expect(pending).ToContainTextAsync("承認待ち");
        await Axe.AssertNoSeriousAsync(ciso);
        await pending.Locator("[data-testid=exception-approve]").ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=form-success]")).ToContainTextAsync("承認しました");
        await Assertions.Expect(pending.Locator("[data-testid=exception-state]")).ToContainTextAsync("有効");
        await Assertions.Expect(pending).ToContainTextAsync("ciso@example.jp");
        await Assertions.Expect(pending.Locator("[data-testid=exception-approve]")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(ciso);
    }

    [Fact]
    public async Task The_CISO_opens_the_retired_controls_from_the_matrix_and_reads_one_with_its_history_and_no_forms()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=controls-matrix]");
        var toRetired = ciso.Locator("[data-testid=matrix-to-retired]");
        await Assertions.Expect(ciso.Locator("[data-testid=retired-controls]")).ToContainTextAsync("IN-90");
        await Axe.AssertNoSeriousAsync(ciso);

        await toRetired.ClickAsync();
        var row = ciso.Locator("[data-testid=retired-row][data-control=IN-90]");
        await Assertions.Expect(row).ToContainTextAsync("メール添付ファイルのパスワード付きZIP送信");
        // The day it was retired reads as a date (和暦 or western), its last standing in words.
        await Assertions.Expect(row.Locator("[data-testid=retired-on]")).ToContainTextAsync("年");
        await Assertions.Expect(row.Locator("[data-testid=retired-system]")).ToContainTextAsync("外部メールサーバー");
        await Assertions.Expect(row.Locator("[data-testid=retired-system]")).ToContainTextAsync("一部実施");
        await Assertions.Expect(row.Locator("[data-testid=retired-verified]")).ToContainTextAsync("情報 太郎");
        await Axe.AssertNoSeriousAsync(ciso);

        await row.Locator("[data-testid=retired-link]").ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=control-id]")).ToHaveTextAsync("IN-90");
        await Assertions.Expect(ciso.Locator("[data-testid=control-retired]")).ToContainTextAsync("廃止された対策");
        await Assertions.Expect(ciso.Locator("[data-testid=verification-row]")).ToHaveCountAsync(2);
        await Assertions.Expect(ciso.Locator("[data-testid=system-state]")).ToContainTextAsync("外部メールサーバー");
        await Assertions.Expect(ciso.Locator("[data-testid=verify-form]")).ToHaveCountAsync(0);
        await Assertions.Expect(ciso.Locator("[data-testid=status-form]")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(ciso);
    }

    [Fact]
    public async Task An_owner_records_a_verification_with_a_file_the_control_leaves_the_overdue_list_and_the_CISO_figure_follows_their_status()
    {
        var before = await MyNumberFigureAsync();

        var owner = await fixture.SignInAsync("manager@example.jp");
        await owner.ClickAsync("[data-nav=controls-due]");
        var overdue = owner.Locator("[data-testid=overdue-row][data-control=MN-04]");
        await Assertions.Expect(overdue).ToHaveCountAsync(1);
        // A manager sees the controls of their own department only.
        await Assertions.Expect(owner.Locator("[data-testid=overdue-row][data-control=IN-02]")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(owner);

        await overdue.Locator("a").ClickAsync();
        await Assertions.Expect(owner.Locator("[data-testid=control-id]")).ToHaveTextAsync("MN-04");
        await Assertions.Expect(owner.Locator("[data-testid=control-next-due]")).ToContainTextAsync("期限超過");
        await owner.Locator("[data-testid=verify-form][data-ready=true]").WaitForAsync();
        await Axe.AssertNoSeriousAsync(owner);

        // A program is refused as evidence, and nothing is recorded.
        await owner.Locator("[data-testid=verify-file]").SetInputFilesAsync(new FilePayload { Name = "tool.exe", MimeType = "application/octet-stream", Buffer = [1, 2, 3] });
        await owner.ClickAsync("[data-testid=verify-save]");
        await Assertions.Expect(owner.Locator("[data-testid=form-error]")).ToContainTextAsync("証跡として登録できません");
        await Assertions.Expect(owner.Locator("[data-testid=verification-file]")).ToHaveCountAsync(0);

        var report = System.Text.Encoding.UTF8.GetBytes("デバイス制御レポート 2026年11月: 例外なし");
        await owner.Locator("[data-testid=verify-file]").SetInputFilesAsync(new FilePayload { Name = "device-control.csv", MimeType = "text/csv", Buffer = report });
        await owner.FillAsync("[data-testid=verify-notes]", "USB書込み禁止の設定を全端末で確認した");
        await owner.ClickAsync("[data-testid=verify-save]");
        await Assertions.Expect(owner.Locator("[data-testid=form-success]")).ToContainTextAsync("点検を記録しました");
        await Assertions.Expect(owner.Locator("[data-testid=verification-file]")).ToHaveTextAsync("device-control.csv");
        await Assertions.Expect(owner.Locator("[data-testid=control-next-due] [data-testid=overdue-flag]")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(owner);
        var href = await owner.Locator("[data-testid=evidence-download]").First.GetAttributeAsync("href");
        var download = await owner.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal(report, await download.BodyAsync());

        await owner.ClickAsync("[data-nav=controls-due]");
        await Assertions.Expect(owner.Locator("[data-testid=overdue-count]")).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator("[data-testid=overdue-row][data-control=MN-04]")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(owner);

        // The owner reports the dedicated terminals as fully in place; the CISO's figure for the segment goes up by one.
        await owner.ClickAsync("[data-nav=controls]");
        await owner.Locator("[data-testid=control-row][data-control=MN-05] [data-testid=control-link]").ClickAsync();
        await Assertions.Expect(owner.Locator("[data-testid=control-id]")).ToHaveTextAsync("MN-05");
        await owner.SelectOptionAsync("[data-testid=status-value]", "Met");
        await owner.ClickAsync("[data-testid=status-save]");
        await Assertions.Expect(owner.Locator("[data-testid=control-standing]")).ToContainTextAsync("実施済");
        await Axe.AssertNoSeriousAsync(owner);
        await owner.Context.CloseAsync();

        var after = await MyNumberFigureAsync();
        Assert.NotEqual(before, after);
        Assert.Equal(Met(before) + 1, Met(after));
    }

    [Fact]
    public async Task The_CISO_registers_a_system_and_opens_the_self_check_and_an_owner_answers_with_a_finding()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=controls-settings]");
        await Assertions.Expect(ciso.Locator("[data-testid=model-current]")).ToContainTextAsync("αモデル");
        var systems = int.Parse(await ciso.Locator("[data-testid=system-count]").InnerTextAsync());
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.FillAsync("[data-testid=system-name]", "証明書コンビニ交付システム");
        await ciso.SelectOptionAsync("[data-testid=system-segment]", "mynumber");
        await ciso.SelectOptionAsync("[data-testid=system-owner]", new SelectOptionValue { Label = "市民課" });
        await ciso.FillAsync("[data-testid=system-terminals]", "3");
        await ciso.ClickAsync("[data-testid=system-save]");
        await Assertions.Expect(ciso.Locator("[data-testid=system-count]")).ToHaveTextAsync((systems + 1).ToString());
        await Assertions.Expect(ciso.Locator("[data-testid=system-row]", new() { HasText = "証明書コンビニ交付システム" })).ToContainTextAsync("市民課");
        await Axe.AssertNoSeriousAsync(ciso);

        await ciso.ClickAsync("[data-nav=controls-self-check]");
        await ciso.Locator("[data-testid=self-check-row] a").First.ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=self-check-summary]")).ToContainTextAsync("是正計画");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.ClickAsync("[data-testid=self-check-open]");
        await Assertions.Expect(ciso.Locator("[data-testid=form-success]")).ToContainTextAsync("開始しました");
        await Assertions.Expect(ciso.Locator("[data-testid=self-check-row]")).ToHaveCountAsync(2);
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();

        var owner = await fixture.SignInAsync("manager@example.jp");
        await owner.ClickAsync("[data-nav=controls-self-check]");
        await owner.Locator("[data-testid=self-check-row] a").First.ClickAsync();
        var line = owner.Locator("[data-testid=self-check-line][data-control=MN-06]");
        await line.Locator("[data-testid=self-check-answer]").ClickAsync();
        await owner.SelectOptionAsync("[data-testid=answer-value]", "Partial");
        await owner.ClickAsync("[data-testid=answer-save]");
        // An unmet answer needs its corrective action and due date; nothing is recorded without them.
        await Assertions.Expect(owner.Locator("[data-testid=form-error]")).ToContainTextAsync("是正措置");
        await Assertions.Expect(line).ToContainTextAsync("未回答");
        await owner.FillAsync("[data-testid=answer-action]", "異動後のアカウント棚卸を12月中に終える");
        await owner.FillAsync("[data-testid=answer-due]", DateTime.Today.AddDays(30).ToString("yyyy-MM-dd"));
        await owner.ClickAsync("[data-testid=answer-save]");
        await Assertions.Expect(owner.Locator("[data-testid=form-success]")).ToContainTextAsync("回答を記録しました");
        await Assertions.Expect(line.Locator("[data-testid=self-check-finding]")).ToContainTextAsync("アカウント棚卸");
        await Axe.AssertNoSeriousAsync(owner);

        // The owner's manager records that the corrective action was done: what was done is required, then it shows on the line.
        await line.Locator("[data-testid=finding-correct]").ClickAsync();
        var correction = owner.Locator("[data-testid=correction-form][data-finding=MN-06]");
        await Assertions.Expect(correction).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(owner);
        await owner.ClickAsync("[data-testid=correction-save]");
        await Assertions.Expect(owner.Locator("[data-testid=form-error]")).ToContainTextAsync("是正の内容");
        await Assertions.Expect(line.Locator("[data-testid=finding-correction]")).ToHaveCountAsync(0);
        await owner.FillAsync("[data-testid=correction-note]", "異動者のアカウントを棚卸し、不要な3件を削除した");
        await owner.ClickAsync("[data-testid=correction-save]");
        await Assertions.Expect(owner.Locator("[data-testid=form-success]")).ToContainTextAsync("是正完了を記録しました");
        await Assertions.Expect(line.Locator("[data-testid=finding-correction]")).ToContainTextAsync("不要な3件を削除した");
        await Assertions.Expect(line.Locator("[data-testid=finding-correction]")).ToContainTextAsync("是正完了");
        await Assertions.Expect(line.Locator("[data-testid=finding-correct]")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(owner);
    }

    [Fact]
    public async Task The_CISO_records_which_methods_achieve_sanitised_communication_and_cannot_call_it_met_without_one()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.GotoAsync("/controls/LG-06");
        await BrowserFixture.WaitUntilInteractiveAsync(ciso);
        // The demo uses both: mail through the text-conversion gateway, browsing through the virtual browser.
        await Assertions.Expect(ciso.Locator("[data-testid=control-methods]")).ToContainTextAsync("メール本文のテキスト化");

        await ciso.SelectOptionAsync("[data-testid=status-value]", "Met");
        await ciso.UncheckAsync("[data-testid=status-method-mail-text]");
        await ciso.UncheckAsync("[data-testid=status-method-screen-transfer]");
        await ciso.ClickAsync("[data-testid=status-save]");
        await Assertions.Expect(ciso.Locator("[data-testid=form-error]")).ToContainTextAsync("実施の方式");

        await ciso.CheckAsync("[data-testid=status-method-screen-transfer]");
        await ciso.ClickAsync("[data-testid=status-save]");
        await Assertions.Expect(ciso.Locator("[data-testid=control-methods]")).ToHaveTextAsync("画面転送(仮想ブラウザ・VDI等)");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();
    }

    private static int Met(string figure) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(figure, @"実施済 (\d+) 件").Groups[1].Value);

    [Fact]
    public async Task The_CISO_names_a_managers_account_as_the_owner_of_a_control()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.GotoAsync("/controls/LG-03");
        await BrowserFixture.WaitUntilInteractiveAsync(ciso);
        await ciso.Locator("[data-testid=owner-form]").WaitForAsync();

        var option = ciso.Locator("[data-testid=owner-user] option", new() { HasText = "manager@example.jp" });
        var name = (await option.InnerTextAsync()).Split(" (")[0];
        await ciso.SelectOptionAsync("[data-testid=owner-user]", (await option.GetAttributeAsync("value"))!);
        await ciso.ClickAsync("[data-testid=owner-save]");

        await Assertions.Expect(ciso.Locator("[data-testid=form-success]")).ToBeVisibleAsync();
        // The owner shows by the person's name.
        await Assertions.Expect(ciso.Locator("[data-testid=control-owner]")).ToContainTextAsync(name);
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();
    }
}
