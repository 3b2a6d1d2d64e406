using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>The accessibility check every journey relies on finds what it is there to find.</summary>
[Collection(AppCollection.Name)]
public sealed class AxeCheckTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_check_reports_serious_findings_on_a_page_that_has_them_and_none_on_one_that_does_not()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("[data-testid=login-submit]").WaitForAsync();
        Assert.Empty(await Axe.SeriousFindingsAsync(page));

        // The same document (axe-core already in it) with an image without a text alternative and a nameless button.
        await page.EvaluateAsync("""
            () => {
                const img = document.createElement('img');
                img.src = '/favicon.png';
                const button = document.createElement('button');
                button.className = 'axe-check-nameless';
                document.querySelector('main, body').append(img, button);
            }
            """);
        var findings = await Axe.SeriousFindingsAsync(page);
        Assert.Contains(findings, f => f.Contains("image-alt", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("button-name", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
