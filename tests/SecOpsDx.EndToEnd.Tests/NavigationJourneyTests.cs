using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed class NavigationJourneyTests(BrowserFixture fixture)
{
    private static readonly string[] Everything = ["home", "report-incident", "my-reports", "incidents", "incident-dashboard", "departments", "staff", "users", "roster-import", "audit", "api-tokens", "account",
        "my-tasks", "department-training", "drill-reports", "training", "training-import", "drills",
        "policy-library", "policy-acknowledge", "policy-register", "policy-rates",
        "bulk-accounts", "directory-check", "mail",
        "controls", "controls-due", "controls-self-check", "controls-matrix", "controls-exceptions", "controls-settings", "compliance"];

    public static TheoryData<string, string[]> RoleNavigation => new()
    {
        { "admin@example.jp", ["home", "report-incident", "my-reports", "departments", "staff", "users", "roster-import", "audit", "api-tokens", "account",
            "my-tasks", "department-training", "drill-reports", "training", "training-import", "drills",
            "policy-library", "policy-acknowledge", "policy-register", "policy-rates", "bulk-accounts", "directory-check", "mail",
            "controls", "controls-due", "controls-self-check", "controls-matrix", "controls-exceptions", "controls-settings", "compliance"] },
        { "ciso@example.jp", ["home", "report-incident", "my-reports", "incidents", "incident-dashboard", "audit", "account",
            "my-tasks", "department-training", "drill-reports", "training", "drills", "policy-library", "policy-acknowledge", "policy-register", "policy-rates",
            "controls", "controls-due", "controls-self-check", "controls-matrix", "controls-exceptions", "controls-settings", "compliance"] },
        { "csirt@example.jp", ["home", "report-incident", "my-reports", "incidents", "incident-dashboard", "account", "my-tasks", "policy-library", "policy-acknowledge"] },
        { "manager@example.jp", ["home", "report-incident", "my-reports", "account", "my-tasks", "department-training", "drill-reports", "policy-library", "policy-acknowledge", "policy-rates", "controls", "controls-due", "controls-self-check", "compliance"] },
        { "staff@example.jp", ["home", "report-incident", "my-reports", "account", "my-tasks", "policy-library", "policy-acknowledge"] },
    };

    [Theory]
    [MemberData(nameof(RoleNavigation))]
    public async Task Each_demo_role_signs_in_and_sees_only_its_navigation(string email, string[] expected)
    {
        // Signing in is part of this journey: through the form, not a reused session.
        var page = await fixture.SignInThroughFormAsync(email);

        var nav = page.Locator("[data-testid=main-nav]");
        foreach (var item in Everything)
        {
            var link = nav.Locator($"[data-nav={item}]");
            if (expected.Contains(item))
                await Assertions.Expect(link).ToBeVisibleAsync();
            else
                await Assertions.Expect(link).ToHaveCountAsync(0);
        }
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(" ");
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_switches_to_English_and_back_and_signs_out()
    {
        // Its own session, through the form: signing out ends it.
        var page = await fixture.SignInThroughFormAsync("staff@example.jp");
        await Assertions.Expect(page.Locator("[data-nav=home]")).ToContainTextAsync("ホーム");

        await page.ClickAsync("[data-testid=switch-en]");
        await Assertions.Expect(page.Locator("[data-nav=home]")).ToContainTextAsync("Home");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Welcome");
        // Dates and the 年度 read in English too.
        await Assertions.Expect(page.Locator("[data-testid=fiscal-year]")).ToContainTextAsync("FY");
        await Assertions.Expect(page.Locator("[data-testid=today]")).Not.ToContainTextAsync("令和");
        await Axe.AssertNoSeriousAsync(page);

        await page.ClickAsync("[data-testid=switch-ja]");
        await Assertions.Expect(page.Locator("[data-nav=home]")).ToContainTextAsync("ホーム");

        await page.ClickAsync("[data-testid=logout]");
        await page.GotoAsync("/");
        await BrowserFixture.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/Account/Login");
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_and_stays_on_sign_in()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", "staff@example.jp");
        await page.FillAsync("#Input\\.Password", "wrong-password");
        await page.ClickAsync("[data-testid=login-submit]");

        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("正しくありません");
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_chooses_western_dates_in_the_profile_and_the_home_page_follows()
    {
        var page = await fixture.SignInAsync("manager@example.jp");
        await Assertions.Expect(page.Locator("[data-testid=today]")).ToContainTextAsync("令和");

        await page.ClickAsync("[data-nav=account]");
        await page.Locator("[data-testid=profile-date-style]").WaitForAsync();
        await Axe.AssertNoSeriousAsync(page);
        await page.SelectOptionAsync("[data-testid=profile-date-style]", "Western");
        await page.FillAsync("[data-testid=profile-display-name]", "市民 一郎(課長)");
        await page.ClickAsync("[data-testid=profile-save]");
        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("[data-testid=today]")).Not.ToContainTextAsync("令和");
        await Assertions.Expect(page.Locator("[data-testid=today]")).ToContainTextAsync("年");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync("市民 一郎(課長)");
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }
}
