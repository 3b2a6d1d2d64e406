using System.Text;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>The CISO's compliance dashboard on the demo municipality: read it, drill into a department, export its list.</summary>
[Collection(SecondAppCollection.Name)]
public sealed class ComplianceJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_CISO_reads_the_dashboard_drills_from_a_departments_rate_into_its_overdue_list_and_exports_it()
    {
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=compliance]");
        await Assertions.Expect(ciso.Locator("[data-testid=area-training] [data-testid=area-status]")).ToBeVisibleAsync();
        foreach (var area in new[] { "training", "policies", "controls", "incidents" })
            await Assertions.Expect(ciso.Locator($"[data-testid=area-{area}]")).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(Good|Attention|Action)$"));
        await Assertions.Expect(ciso.Locator("[data-testid=training-rate]")).ToContainTextAsync("%");
        await Assertions.Expect(ciso.Locator("[data-testid=chart-departments] svg[role=img]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(ciso);

        // A department with people past their due date: its rate opens its overdue list.
        var row = ciso.Locator("[data-testid=department-rate]:not([data-overdue='0'])").First;
        var department = await row.GetAttributeAsync("data-department");
        var overdue = int.Parse((await row.GetAttributeAsync("data-overdue"))!);
        await row.Locator("[data-testid=department-rate-link]").ClickAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=overdue-scope]")).ToHaveAttributeAsync("data-department", department!);
        await Assertions.Expect(ciso.Locator("[data-testid=overdue-row]")).ToHaveCountAsync(overdue);
        await Axe.AssertNoSeriousAsync(ciso);

        var download = await ciso.RunAndWaitForDownloadAsync(() => ciso.ClickAsync("[data-testid=export-overdue-csv]"));
        Assert.EndsWith($"-{department}.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(overdue + 1, Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // Back on the dashboard, last 年度 is one choice away.
        await ciso.ClickAsync("text=← 遵守状況ダッシュボードへ戻る");
        var current = int.Parse((await ciso.Locator("[data-testid=compliance-overall]").GetAttributeAsync("data-year"))!);
        await ciso.SelectOptionAsync("[data-testid=compliance-year]", (current - 1).ToString());
        await Assertions.Expect(ciso.Locator("[data-testid=compliance-overall]")).ToHaveAttributeAsync("data-year", (current - 1).ToString());
        await Assertions.Expect(ciso.Locator("[data-testid=training-trend] tbody tr")).Not.ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(ciso);

        // The annual report for the committee, for that 年度, printable and as a Word file.
        await ciso.ClickAsync("[data-testid=annual-report-link]");
        await Assertions.Expect(ciso.Locator("[data-testid=annual-report]")).ToHaveAttributeAsync("data-year", (current - 1).ToString());
        await Assertions.Expect(ciso.Locator("[data-testid=report-date]")).ToContainTextAsync("令和");
        await Axe.AssertNoSeriousAsync(ciso);
        var report = await ciso.RunAndWaitForDownloadAsync(() => ciso.ClickAsync("[data-testid=report-docx]"));
        Assert.Equal($"security-report-{current - 1}.docx", report.SuggestedFilename);
        // Printed, it is A4 portrait (595 × 842 points), whatever page size other printable pages ask for.
        await ciso.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = System.Text.Encoding.Latin1.GetString(await ciso.PdfAsync(new() { PreferCSSPageSize = true }));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(pdf, @"/MediaBox \[0 0 59[45][.0-9]* 84[12][.0-9]*\]"), System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox[^\]]*\]").Value);
        await ciso.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_sees_the_dashboard_of_their_own_department_only()
    {
        var manager = await fixture.SignInAsync("manager@example.jp");
        await manager.ClickAsync("[data-nav=compliance]");
        await Assertions.Expect(manager.Locator("[data-testid=compliance-scope]")).ToContainTextAsync("市民課");
        await Assertions.Expect(manager.Locator("[data-testid=incidents-not-scoped]")).ToBeVisibleAsync();
        await Assertions.Expect(manager.Locator("[data-testid=department-rate]")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousAsync(manager);
        await manager.Context.CloseAsync();
    }
}
