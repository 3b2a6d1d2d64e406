using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>
/// Long text typed or pasted into a form is stored whole, or refused with the field's limit; it is never
/// dropped on the way to the server while the page reports success.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class LongTextJourneyTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"\d{4}-\d{4}")]
    private static partial Regex TicketNumber();

    /// <summary>
    /// Japanese prose of exactly <paramref name="length"/> characters, with line breaks as in an e-mail,
    /// neither starting nor ending with white space (the server trims both ends).
    /// </summary>
    private static string JapaneseText(int length, string seed = "")
    {
        const string sentence = "窓口で封入を誤り、住民宛ての通知が別の住民に届いた。個人番号を含むため回収を急いでいる。\n";
        var text = new StringBuilder(seed);
        while (text.Length < length) text.Append(sentence);
        text.Length = length;
        if (char.IsWhiteSpace(text[^1])) text[^1] = '。';
        return text.ToString();
    }

    private static async Task<int> MyReportCountAsync(IPage staff)
    {
        await staff.ClickAsync("[data-nav=my-reports]");
        // Count once the list has loaded, not while it still says 読み込み中.
        await staff.Locator("[data-testid=my-reports], [data-testid=my-reports-none]").First.WaitForAsync();
        return await staff.Locator("[data-testid=my-report-row]").CountAsync();
    }

    private async Task<IPage> OpenTicketAsCsirtAsync(string number)
    {
        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.Locator($"[data-testid=incident-row][data-number='{number}'] [data-testid=incident-link]").ClickAsync();
        await Assertions.Expect(csirt.Locator("[data-testid=incident-number]")).ToHaveTextAsync(number);
        return csirt;
    }

    [Fact]
    public async Task Staff_paste_an_8000_character_Japanese_email_into_the_details_and_the_ticket_keeps_every_character()
    {
        var description = JapaneseText(8_000, "件名: 通知の誤送付について\n");
        var staff = await fixture.SignInAsync("staff@example.jp");
        await staff.ClickAsync("[data-nav=report-incident]");
        await staff.FillAsync("[data-testid=report-title]", "通知を別の住民に誤送付した (長文の報告)");
        await staff.FillAsync("[data-testid=report-description]", description);
        await Assertions.Expect(staff.Locator("[data-testid=char-count][data-char-count-for=r-description]")).ToHaveTextAsync("8,000 / 20,000文字");
        await staff.ClickAsync("[data-testid=report-submit]");
        var created = staff.Locator("[data-testid=report-created]");
        await Assertions.Expect(created).ToContainTextAsync("管理番号");
        var number = TicketNumber().Match(await created.InnerTextAsync()).Value;
        await staff.Context.CloseAsync();

        var csirt = await OpenTicketAsCsirtAsync(number);
        var stored = await csirt.Locator("[data-testid=incident-description]").TextContentAsync();
        Assert.Equal(description.Length, stored?.Length);
        Assert.Equal(description, stored);
        await csirt.Context.CloseAsync();
    }

    [Fact]
    public async Task A_10000_character_title_is_refused_naming_its_200_character_limit_and_no_ticket_is_created()
    {
        var staff = await fixture.SignInAsync("staff@example.jp");
        var before = await MyReportCountAsync(staff);
        await staff.ClickAsync("[data-nav=report-incident]");
        await staff.FillAsync("[data-testid=report-title]", new string('あ', 10_000));
        await staff.FillAsync("[data-testid=report-description]", "件名が長すぎる報告");
        await staff.ClickAsync("[data-testid=report-submit]");

        var error = staff.Locator("[data-testid=form-error]");
        await Assertions.Expect(error).ToContainTextAsync("件名");
        await Assertions.Expect(error).ToContainTextAsync("200文字以内");
        // The field at fault is marked for assistive technology; the others are not.
        await Assertions.Expect(staff.Locator("[data-testid=report-title]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(staff.Locator("[data-testid=report-description]")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(staff.Locator("[data-testid=report-created]")).ToHaveCountAsync(0);
        // What the person typed is still in the form, so that they can shorten it.
        Assert.StartsWith("あああ", await staff.InputValueAsync("[data-testid=report-title]"));
        Assert.Equal("件名が長すぎる報告", await staff.InputValueAsync("[data-testid=report-description]"));

        Assert.Equal(before, await MyReportCountAsync(staff));
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task Details_far_beyond_any_limit_are_refused_with_the_limit_and_not_reported_as_received()
    {
        // 200,000 characters: more than the connection carries in one message, even when JSON escapes every one.
        var staff = await fixture.SignInAsync("staff@example.jp");
        var before = await MyReportCountAsync(staff);
        await staff.ClickAsync("[data-nav=report-incident]");
        await staff.FillAsync("[data-testid=report-title]", "巨大な貼り付け");
        await staff.FillAsync("[data-testid=report-description]", JapaneseText(200_000));
        await Assertions.Expect(staff.Locator("[data-testid=char-count][data-char-count-for=r-description]")).ToHaveClassAsync(new Regex("text-danger"));
        await staff.ClickAsync("[data-testid=report-submit]");

        var error = staff.Locator("[data-testid=form-error]");
        await Assertions.Expect(error).ToContainTextAsync("20,000文字以内");
        await Assertions.Expect(staff.Locator("[data-testid=report-created]")).ToHaveCountAsync(0);
        Assert.Equal(before, await MyReportCountAsync(staff));
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task The_CSIRT_adds_an_8000_character_timeline_note_and_it_is_stored_whole()
    {
        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.ClickAsync("[data-testid=incident-log]");
        await csirt.FillAsync("[data-testid=log-title]", "長い経過メモを残すチケット");
        await csirt.ClickAsync("[data-testid=log-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=incident-number]")).ToHaveTextAsync(TicketNumber());

        var note = JapaneseText(8_000, "経過: ");
        await csirt.FillAsync("[data-testid=timeline-text]", note);
        await Assertions.Expect(csirt.Locator("[data-testid=char-count][data-char-count-for=timeline-text]")).ToHaveTextAsync("8,000 / 10,000文字");
        await csirt.ClickAsync("[data-testid=timeline-add]");
        await Assertions.Expect(csirt.Locator("[data-testid=form-success]")).ToBeVisibleAsync();

        // Read it back from a fresh load of the ticket, not from what the page still holds.
        await csirt.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(csirt);
        var entry = csirt.Locator("[data-testid=timeline-entry-text]", new() { HasText = "経過: 窓口で封入を誤り" });
        Assert.Equal(note, await entry.TextContentAsync());
        await csirt.Context.CloseAsync();
    }

    [Fact]
    public async Task A_timeline_note_over_its_limit_is_refused_naming_the_limit()
    {
        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.ClickAsync("[data-testid=incident-log]");
        await csirt.FillAsync("[data-testid=log-title]", "長すぎる経過メモ");
        await csirt.ClickAsync("[data-testid=log-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=incident-number]")).ToHaveTextAsync(TicketNumber());
        var entriesBefore = await csirt.Locator("[data-testid=timeline-entry]").CountAsync();

        await csirt.FillAsync("[data-testid=timeline-text]", JapaneseText(12_000));
        await csirt.ClickAsync("[data-testid=timeline-add]");

        await Assertions.Expect(csirt.Locator("[data-testid=form-error]")).ToContainTextAsync("10,000文字以内");
        Assert.Equal(12_000, (await csirt.InputValueAsync("[data-testid=timeline-text]")).Length);
        await Assertions.Expect(csirt.Locator("[data-testid=timeline-entry]")).ToHaveCountAsync(entriesBefore);
        await csirt.Context.CloseAsync();
    }

    [Fact]
    public async Task The_counter_speaks_English_to_an_English_user()
    {
        var staff = await fixture.SignInAsync("staff@example.jp");
        await staff.ClickAsync("[data-testid=switch-en]");
        await Assertions.Expect(staff.Locator("[data-nav=home]")).ToContainTextAsync("Home");
        try
        {
            await BrowserFixture.WaitUntilInteractiveAsync(staff);
            await staff.ClickAsync("[data-nav=report-incident]");
            await staff.Locator("[data-testid=report-description]").WaitForAsync();
            await staff.FillAsync("[data-testid=report-description]", JapaneseText(6_000));
            await Assertions.Expect(staff.Locator("[data-testid=char-count][data-char-count-for=r-description]")).ToHaveTextAsync("6,000 / 20,000 characters");
        }
        finally
        {
            await staff.ClickAsync("[data-testid=switch-ja]");
            await Assertions.Expect(staff.Locator("[data-nav=home]")).ToContainTextAsync("ホーム");
            await staff.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_not_an_incident_reason_over_its_limit_is_refused_and_the_ticket_stays_open()
    {
        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.ClickAsync("[data-testid=incident-log]");
        await csirt.FillAsync("[data-testid=log-title]", "非該当の理由が長すぎる報告");
        await csirt.ClickAsync("[data-testid=log-submit]");
        await Assertions.Expect(csirt.Locator("[data-testid=incident-number]")).ToHaveTextAsync(TicketNumber());

        await csirt.Locator("summary", new() { HasText = "インシデント非該当" }).ClickAsync();
        await csirt.FillAsync("[data-testid=not-incident-reason]", JapaneseText(5_000));
        await Assertions.Expect(csirt.Locator("[data-testid=char-count][data-char-count-for=not-incident-reason]")).ToHaveTextAsync("5,000 / 4,000文字");
        await csirt.ClickAsync("[data-testid=not-incident-submit]");

        await Assertions.Expect(csirt.Locator("[data-testid=form-error]")).ToContainTextAsync("4,000文字以内");
        await Assertions.Expect(csirt.Locator("[data-testid=status-badge]").First).ToContainTextAsync("受付");
        Assert.Equal(5_000, (await csirt.InputValueAsync("[data-testid=not-incident-reason]")).Length);
        await csirt.Context.CloseAsync();
    }
}
