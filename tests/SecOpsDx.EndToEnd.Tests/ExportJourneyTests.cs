using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>The CISO downloads the lists behind the dashboard from their pages and finds in the file what the page showed.</summary>
[Collection(SecondAppCollection.Name)]
public sealed class ExportJourneyTests(BrowserFixture fixture)
{
    /// <summary>A table's header and first row as a person reads them: marks hidden from screen readers, hidden text and buttons left out.</summary>
    private const string HeaderAndFirstRow = """
        table => {
            const text = cell => {
                const copy = cell.cloneNode(true);
                copy.querySelectorAll('[aria-hidden=true], .visually-hidden, button').forEach(n => n.remove());
                copy.querySelectorAll('div, p').forEach(n => { n.prepend(' '); n.append(' '); });
                return copy.textContent.replace(/\s+/g, ' ').trim();
            };
            return [[...table.querySelectorAll('thead th')].map(text), [...table.querySelector('tbody tr').children].map(text)];
        }
        """;

    /// <summary>Clicks the list's CSV link and checks the file: its name, the page's header row and the page's first row as the file's first two lines.</summary>
    private static async Task DownloadMatchesAsync(IPage page, string table, string link, string namePattern)
    {
        var shown = await page.Locator(table).EvaluateAsync<string[][]>(HeaderAndFirstRow);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync($"[data-testid={link}]"));

        Assert.Matches(namePattern, download.SuggestedFilename);
        var lines = CsvText.Parse(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Equal(shown[0], lines[0]);
        Assert.Equal(shown[1], lines[1].Select(c => System.Text.RegularExpressions.Regex.Replace(c, @"\s+", " ").Trim()).ToArray());
    }

    [Fact]
    public async Task The_CISO_downloads_the_control_matrix_the_policy_register_and_last_years_incident_figures_as_the_pages_show_them()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");

        await ciso.ClickAsync("[data-nav=controls-matrix]");
        await Assertions.Expect(ciso.Locator("[data-testid=matrix] tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=export-matrix-xlsx]")).ToHaveTextAsync("Excel (.xlsx)");
        await Axe.AssertNoSeriousAsync(ciso);
        await DownloadMatchesAsync(ciso, "[data-testid=matrix]", "export-matrix-csv", @"^control-matrix-\d{8}\.csv$");

        await ciso.ClickAsync("[data-nav=policy-register]");
        await Assertions.Expect(ciso.Locator("[data-testid=register-row]").First).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(ciso);
        await DownloadMatchesAsync(ciso, "[data-testid=policy-register]", "export-register-csv", @"^policy-register-\d{8}\.csv$");

        // The statistics follow the 年度 chosen on the page, and so does the file.
        await ciso.ClickAsync("[data-nav=incident-dashboard]");
        var table = ciso.Locator("[data-testid=statistics-months]");
        var current = int.Parse((await table.GetAttributeAsync("data-year"))!);
        await ciso.SelectOptionAsync("[data-testid=dashboard-year]", (current - 1).ToString());
        await Assertions.Expect(table).ToHaveAttributeAsync("data-year", (current - 1).ToString());
        await Axe.AssertNoSeriousAsync(ciso);
        await DownloadMatchesAsync(ciso, "[data-testid=statistics-months]", "export-statistics-csv", $@"^incident-statistics-{current - 1}\.csv$");

        await ciso.Context.CloseAsync();
    }
}
