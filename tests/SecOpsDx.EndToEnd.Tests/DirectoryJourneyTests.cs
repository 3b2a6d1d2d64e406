using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>A member of staff signs in with the directory name and password they use for Windows.</summary>
[Collection(DirectoryAppCollection.Name)]
public sealed class DirectoryJourneyTests(DirectoryBrowserFixture fixture)
{
    [Fact]
    public async Task A_directory_user_signs_in_for_the_first_time_without_any_account_made_for_them()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await Assertions.Expect(page.GetByLabel("ユーザー名またはメールアドレス")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=directory-hint]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(page);

        // A wrong password first: refused, nothing made.
        await page.FillAsync("#Input\\.Email", "kato");
        await page.FillAsync("#Input\\.Password", "wrong-password");
        await page.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(page);

        await page.FillAsync("#Input\\.Email", "kato");
        await page.FillAsync("#Input\\.Password", DirectoryBrowserFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");

        // The first sign-in lands on their tasks: the roster's person, with the training and policies they owe.
        await BrowserFixture.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/my/tasks", 45_000);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("自分のタスク");
        await Axe.AssertNoSeriousAsync(page);
        // The account carries the roster's person: the name from the directory, the sign-in name its e-mail.
        await page.GotoAsync("/Account/Manage");
        await Assertions.Expect(page.Locator("[data-testid=profile-email]")).ToHaveValueAsync("kato@directory.example");
        await Assertions.Expect(page.Locator("[data-testid=profile-display-name]")).ToHaveValueAsync("加藤 二十一");
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_CSIRT_member_through_a_nested_group_signs_in_as_DOMAIN_backslash_name_and_works_the_incident_list()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", @"CITY\ito");
        await page.FillAsync("#Input\\.Password", DirectoryBrowserFixture.Password);
        await page.ClickAsync("[data-testid=login-submit]");

        await BrowserFixture.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/my/tasks", 45_000);
        // The role came from the group the person's group is in.
        await page.ClickAsync("[data-nav=incidents]");
        await BrowserFixture.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/incidents", 30_000);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_still_signs_in_locally_and_sees_the_directory_check()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=directory-check]");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("ディレクトリ照合");
        await Axe.AssertNoSeriousAsync(admin);

        await admin.ClickAsync("[data-testid=directory-sync]");

        await Assertions.Expect(admin.Locator("[data-testid=form-success]")).ToContainTextAsync(new Regex("照合しました"));
        await Axe.AssertNoSeriousAsync(admin);
        await admin.Context.CloseAsync();
    }
}
