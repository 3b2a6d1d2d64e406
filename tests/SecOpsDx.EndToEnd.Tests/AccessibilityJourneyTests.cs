using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed class AccessibilityJourneyTests(BrowserFixture fixture)
{
    private static readonly string[] DemoRoles = ["admin@example.jp", "ciso@example.jp", "csirt@example.jp", "manager@example.jp", "staff@example.jp"];

    [Fact]
    public async Task Every_page_each_demo_role_can_reach_has_no_serious_accessibility_finding()
    {
        var visits = new List<(string Who, string Path, IReadOnlyList<string> Findings)>();

        var signedOut = await fixture.NewPageAsync();
        await signedOut.GotoAsync("/Account/Login");
        await signedOut.Locator("[data-testid=login-submit]").WaitForAsync();
        visits.Add(("signed out", "/Account/Login", await Axe.SeriousFindingsAsync(signedOut)));
        await signedOut.Context.CloseAsync();

        foreach (var email in DemoRoles)
        {
            var page = await fixture.SignInAsync(email);
            var items = await page.Locator("[data-testid=main-nav] [data-nav]").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.nav)");
            Assert.Contains("account", items);
            foreach (var item in items)
            {
                await OpenFromMenuAsync(page, $"[data-testid=main-nav] [data-nav='{item}']");
                visits.Add((email, new Uri(page.Url).AbsolutePath, await Axe.SeriousFindingsAsync(page)));
            }
            // The account area has pages of its own beyond the profile the main menu opens.
            var accountPages = await page.Locator("[data-testid=manage-nav] a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            Assert.True(accountPages.Length >= 3, "the account area lists its pages");
            foreach (var href in accountPages.Skip(1))
            {
                await OpenFromMenuAsync(page, $"[data-testid=manage-nav] a[href='{href}']");
                visits.Add((email, new Uri(page.Url).AbsolutePath, await Axe.SeriousFindingsAsync(page)));
            }
            await page.Context.CloseAsync();
        }

        var failing = visits.Where(v => v.Findings.Count > 0).ToList();
        Assert.True(failing.Count == 0,
            $"{failing.Sum(v => v.Findings.Count)} serious accessibility finding(s) on {failing.Count} of {visits.Count} page visits:\n" +
            string.Join("\n", failing.Select(v => $"{v.Who} {v.Path}:\n  " + string.Join("\n  ", v.Findings))));
    }

    [Fact]
    public async Task On_a_phone_the_menu_opens_and_pages_fit_the_screen_width()
    {
        var page = await fixture.SignInAsync("csirt@example.jp");
        await page.SetViewportSizeAsync(390, 844);

        var nav = page.Locator("[data-testid=main-nav]");
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await AssertFitsWidthAsync(page);
        await Axe.AssertNoSeriousAsync(page);

        await page.ClickAsync("[data-testid=menu-toggle]");
        await Assertions.Expect(nav).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(page);
        await page.ClickAsync("[data-nav=incidents]");
        await BrowserFixture.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/incidents");
        await Assertions.Expect(nav).ToBeHiddenAsync();

        // A ticket with a long title, so that the list has a row to lay out.
        await page.ClickAsync("[data-testid=incident-log]");
        await page.FillAsync("[data-testid=log-title]", "窓口端末の画面に見慣れない警告が表示され、職員が指示に従って電話をかけてしまった件");
        await page.ClickAsync("[data-testid=log-submit]");
        await Assertions.Expect(page.Locator("[data-testid=incident-number]")).ToBeVisibleAsync();
        await AssertFitsWidthAsync(page);

        await page.ClickAsync("[data-testid=menu-toggle]");
        await page.ClickAsync("[data-nav=incidents]");
        await page.Locator("[data-testid=incident-row]").First.WaitForAsync();
        await AssertFitsWidthAsync(page);
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }

    private static async Task OpenFromMenuAsync(IPage page, string selector)
    {
        var link = page.Locator(selector);
        var href = await link.GetAttributeAsync("href") ?? "";
        await link.ClickAsync();
        var target = "/" + href.TrimStart('/');
        await BrowserFixture.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath.Equals(target, StringComparison.OrdinalIgnoreCase));
        await Assertions.Expect(link).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bactive\b"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator("h1").First.WaitForAsync();
    }

    private static async Task AssertFitsWidthAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client + 1, $"{new Uri(page.Url).AbsolutePath} scrolls sideways at {client} px: content is {scroll} px wide");
    }
}
