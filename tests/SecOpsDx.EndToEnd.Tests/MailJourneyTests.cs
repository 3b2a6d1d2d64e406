using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>The administrator checks that mail leaves the app: a test mail reaches the SMTP server and shows as sent.</summary>
[Collection(DirectoryAppCollection.Name)]
public sealed class MailJourneyTests(DirectoryBrowserFixture fixture)
{
    [Fact]
    public async Task The_administrator_sends_a_test_mail_and_sees_it_sent_in_the_outbox()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=mail]");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("メール送信");
        await Axe.AssertNoSeriousAsync(admin);

        await admin.ClickAsync("[data-testid=mail-test]");

        await Assertions.Expect(admin.Locator("[data-testid=form-success]")).ToContainTextAsync("送信 1 件");
        var arrived = fixture.Smtp.Received.Single(m => m.To.Mailboxes.Any(b => b.Address == "admin@example.jp"));
        Assert.Equal("【SecOpsDx】テストメール", arrived.Subject);
        await admin.ClickAsync("[data-testid=mail-tab-Sent]");
        await Assertions.Expect(admin.Locator("[data-testid=mail-row]").First).ToContainTextAsync("admin@example.jp");
        await Axe.AssertNoSeriousAsync(admin);
        await admin.Context.CloseAsync();
    }
}
