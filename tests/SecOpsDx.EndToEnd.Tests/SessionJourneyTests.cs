using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>An open page stops showing what its person may no longer see, within seconds and without a reload.</summary>
[Collection(AppCollection.Name)]
public sealed partial class SessionJourneyTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"新しいパスワード: (\S+)")]
    private static partial Regex IssuedPassword();

    /// <summary>Seconds an open page may keep showing after its session ended: the revalidation interval and slack for a busy machine.</summary>
    private const float EndedWithinMs = 10_000;

    private static async Task<string> CreateAccountAsync(IPage admin, string employeeNumber, string email, bool csirt)
    {
        await admin.FillAsync("[data-testid=staff-search]", employeeNumber);
        await admin.PressAsync("[data-testid=staff-search]", "Enter");
        var candidate = admin.Locator("[data-testid=candidate-row]");
        await Assertions.Expect(candidate).ToHaveCountAsync(1);
        if (csirt)
        {
            await admin.ClickAsync("[data-testid=new-role-Csirt]");
            await Assertions.Expect(admin.Locator("[data-testid=new-role-Csirt]")).ToBeCheckedAsync();
        }
        await candidate.Locator("[data-testid=create-account]").ClickAsync();
        var notice = admin.Locator("[data-testid=form-success]");
        await Assertions.Expect(notice).ToContainTextAsync(email);
        return IssuedPassword().Match(await notice.InnerTextAsync()).Groups[1].Value;
    }

    private static Task AssertSentToSignInAsync(IPage page) =>
        BrowserFixture.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath is "/Account/Login" or "/Account/AccessDenied",
            EndedWithinMs);

    [Fact]
    public async Task A_CSIRT_member_locked_by_an_administrator_loses_the_open_ticket_within_seconds()
    {
        const string email = "staff00011@city.example.jp";
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=users]");
        var password = await CreateAccountAsync(admin, "100011", email, csirt: true);
        var row = admin.Locator($"[data-testid=user-row][data-email='{email}']");
        await Assertions.Expect(row).ToContainTextAsync("CSIRT要員");

        var member = await fixture.SignInAsync(email, password);
        await member.GotoAsync("incidents/1");
        await BrowserFixture.WaitUntilInteractiveAsync(member);
        var title = member.Locator("[data-testid=incident-title]");
        await Assertions.Expect(title).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(member);

        await row.Locator("[data-testid=lock]").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("停止中");
        await Axe.AssertNoSeriousAsync(admin);

        await AssertSentToSignInAsync(member);
        await Assertions.Expect(title).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(member);
        await member.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_persons_session_in_their_other_browser()
    {
        const string email = "staff00012@city.example.jp";
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=users]");
        var password = await CreateAccountAsync(admin, "100012", email, csirt: false);
        await admin.Context.CloseAsync();

        var elsewhere = await fixture.SignInAsync(email, password);
        var here = await fixture.SignInAsync(email, password);
        await here.GotoAsync("Account/Manage");
        var button = here.GetByRole(AriaRole.Button, new() { Name = "すべての端末からサインアウト" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(here);

        await button.ClickAsync();

        await BrowserFixture.WaitForAddressAsync(here, url => new Uri(url).AbsolutePath == "/Account/Login");
        await Axe.AssertNoSeriousAsync(here);
        await AssertSentToSignInAsync(elsewhere);
        await elsewhere.GotoAsync("Account/Manage");
        await Assertions.Expect(elsewhere).ToHaveURLAsync(new Regex("/Account/Login"));
        await here.Context.CloseAsync();
        await elsewhere.Context.CloseAsync();
    }

    [Fact]
    public async Task A_person_ends_a_forgotten_session_from_the_profile_and_signing_out_leaves_nothing_else_open()
    {
        const string email = "staff00013@city.example.jp";
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=users]");
        var password = await CreateAccountAsync(admin, "100013", email, csirt: false);
        await admin.Context.CloseAsync();

        var forgotten = await fixture.SignInAsync(email, password);
        var here = await fixture.SignInAsync(email, password);
        await here.GotoAsync("Account/Manage");
        var rows = here.Locator("[data-testid=session-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(here.Locator("[data-testid=this-session]")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousAsync(here);

        var other = rows.Filter(new() { HasNot = here.Locator("[data-testid=this-session]") });
        await other.Locator("[data-testid=end-session]").ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousAsync(here);
        // The ended session's open page finds out by itself within the revalidation interval and goes to the sign-in
        // page; if that happens while this address is loading, the browser drops the load for it (Playwright reports
        // ERR_ABORTED, or that the load was interrupted by the navigation to the sign-in page). Either way it ends there.
        try
        {
            await forgotten.GotoAsync("incidents/mine");
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal)
                                            || e.Message.Contains("is interrupted by another navigation to", StringComparison.Ordinal))
        {
        }
        await Assertions.Expect(forgotten).ToHaveURLAsync(new Regex("/Account/Login"));

        // Signing out here ends this session too: the profile no longer opens.
        await here.ClickAsync("[data-testid=logout]");
        await here.GotoAsync("Account/Manage");
        await Assertions.Expect(here).ToHaveURLAsync(new Regex("/Account/Login"));
        await here.Context.CloseAsync();
        await forgotten.Context.CloseAsync();
    }
}
