using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>The administrator runs a job by hand and checks that mail leaves the app: a test mail reaches the SMTP server and shows as sent.</summary>
[Collection(DirectoryAppCollection.Name)]
public sealed class MailJourneyTests(DirectoryBrowserFixture fixture)
{
    [Fact]
    public async Task The_administrator_runs_the_reminders_by_hand_then_sends_a_test_mail_and_sees_it_sent()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=mail]");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("メール送信");
        await Axe.AssertNoSeriousAsync(admin);

        // The jobs: none has run in this fresh app; the schedule says when each runs next. Run the reminders now.
        var reminders = admin.Locator("[data-testid=job-row][data-job=reminders]");
        await Assertions.Expect(reminders.Locator("[data-testid=job-last]")).ToHaveTextAsync("まだ実行していません");
        await Assertions.Expect(admin.Locator("[data-testid=job-row][data-job=send-mail] [data-testid=job-next]")).ToContainTextAsync("令和");
        await BrowserFixture.WaitUntilInteractiveAsync(admin);
        await admin.ClickAsync("[data-testid=job-run-reminders]");
        await Assertions.Expect(admin.Locator("[data-testid=form-success]")).ToContainTextAsync("「リマインダーの判定」を実行しました", new() { Timeout = 40_000 });
        await Assertions.Expect(reminders.Locator("[data-testid=job-last]")).ToContainTextAsync("(手動)");
        await Assertions.Expect(reminders.Locator("[data-testid=job-result]")).ToContainTextAsync("新たに送信待ち");
        await Axe.AssertNoSeriousAsync(admin);

        await admin.ClickAsync("[data-testid=mail-test]");

        // The mail part's own message (the jobs part keeps its own above it).
        await Assertions.Expect(admin.Locator("[data-testid=form-success]", new() { HasText = "admin@example.jp" })).ToContainTextAsync("送信 1 件");
        // Exactly one test mail reached the server (the reminders run may have sent the Admin a digest as well).
        Assert.Single(fixture.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == "admin@example.jp") && m.Subject == "【SecOpsDx】テストメール");
        await admin.ClickAsync("[data-testid=mail-tab-Sent]");
        await Assertions.Expect(admin.Locator("[data-testid=mail-row]").First).ToContainTextAsync("admin@example.jp");
        await Axe.AssertNoSeriousAsync(admin);

        // The test mail also shows on the Admin's own list of what they were sent.
        await admin.GotoAsync("/my/reminders");
        await Assertions.Expect(admin.Locator("[data-testid=my-reminder][data-kind=test]")).ToContainTextAsync("テストメール");
        await Axe.AssertNoSeriousAsync(admin);
        await admin.Context.CloseAsync();
    }
}
