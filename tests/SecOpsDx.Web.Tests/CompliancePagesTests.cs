using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The compliance dashboard, its overdue list and their exports through HTTP: who sees what, and files that match the pages.</summary>
public sealed partial class CompliancePagesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [GeneratedRegex("data-testid=\"department-rate\" data-department=\"(\\d+)\"")]
    private static partial Regex DepartmentRate();

    [GeneratedRegex("data-testid=\"overdue-row\"")]
    private static partial Regex OverdueRow();

    [GeneratedRegex("data-testid=\"overdue-scope\" data-department=\"(\\d*)\"")]
    private static partial Regex OverdueScope();

    [Theory]
    [InlineData("staff@example.jp", "/compliance")]
    [InlineData("csirt@example.jp", "/compliance")]
    [InlineData("staff@example.jp", "/compliance/overdue")]
    public async Task Staff_and_the_CSIRT_cannot_open_the_dashboard(string email, string path)
    {
        var client = await SignIn.AsAsync(factory, email);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("/compliance/export/overdue.csv")]
    [InlineData("/compliance/export/departments.xlsx")]
    public async Task Staff_cannot_export_the_lists_behind_the_dashboard(string path)
    {
        var client = await SignIn.AsAsync(factory, "staff@example.jp");
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_CISO_sees_the_four_areas_with_a_status_each_and_every_department_rate_links_to_its_overdue_list()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");

        var html = await client.GetStringAsync("/compliance");

        foreach (var area in new[] { "training", "policies", "controls", "incidents" })
            Assert.Matches($"data-testid=\"area-{area}\" data-status=\"(Good|Attention|Action)\"", html);
        var departments = DepartmentRate().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.True(departments.Count > 3, "the demo city has training in several departments");
        foreach (var d in departments) Assert.Contains($"compliance/overdue?year=", html);
        Assert.Contains($"department={departments[0]}", html);
        Assert.Contains("role=\"img\"", html);
        Assert.Contains("data-testid=\"segment-rates\"", html);
        Assert.DoesNotContain("incidents-not-scoped", html);
    }

    [Fact]
    public async Task A_manager_sees_only_their_department_and_no_incident_figures()
    {
        var client = await SignIn.AsAsync(factory, "manager@example.jp");
        var own = await DepartmentIdAsync("2010");

        var html = await client.GetStringAsync("/compliance");

        var departments = DepartmentRate().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.All(departments, d => Assert.Equal(own, d));
        Assert.Contains("incidents-not-scoped", html);
        Assert.DoesNotContain("data-testid=\"area-incidents\"", html);
        Assert.Contains("市民課", html);
    }

    [Fact]
    public async Task A_manager_who_asks_for_another_departments_overdue_list_gets_their_own()
    {
        var client = await SignIn.AsAsync(factory, "manager@example.jp");
        var other = await DepartmentIdAsync("1030");
        var own = await DepartmentIdAsync("2010");

        var html = await client.GetStringAsync($"/compliance/overdue?department={other}");
        var csv = Lines(await client.GetByteArrayAsync($"/compliance/export/overdue.csv?department={other}"));

        Assert.Equal(own.ToString(), OverdueScope().Match(html).Groups[1].Value);
        Assert.Equal(OverdueRow().Matches(html).Count, csv.Length - 1);
        Assert.All(csv.Skip(1), line => Assert.Contains(",市民課,", line));
    }

    [Fact]
    public async Task The_overdue_list_exports_as_CSV_with_a_byte_order_mark_the_pages_headers_and_as_many_rows_as_the_page()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");
        var html = await client.GetStringAsync("/compliance/overdue");
        var pageRows = OverdueRow().Matches(html).Count;

        var response = await client.GetAsync("/compliance/export/overdue.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Lines(bytes);
        Assert.Equal("職員番号,氏名,所属,研修,受講期限", lines[0]);
        Assert.True(pageRows > 0, "the demo has overdue training");
        Assert.Equal(pageRows, lines.Length - 1);
    }

    [Fact]
    public async Task The_department_rates_export_as_Excel_and_CSV_with_one_row_per_department_on_the_page()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");
        var html = await client.GetStringAsync("/compliance");
        var pageRows = DepartmentRate().Matches(html).Count;

        var xlsx = await client.GetAsync("/compliance/export/departments.xlsx");
        var csv = Lines(await client.GetByteArrayAsync("/compliance/export/departments.csv"));

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = (await xlsx.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(pageRows, rows.Count);
        Assert.Equal(["所属", "受講率", "受講済", "対象", "期限超過"], rows[0].Keys.ToArray());
        Assert.Equal("所属,受講率,受講済,対象,期限超過", csv[0]);
        Assert.Equal(pageRows, csv.Length - 1);
    }

    [Fact]
    public async Task A_past_year_is_shown_on_request_and_a_future_year_falls_back_to_the_current_one()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");
        var current = SecOpsDx.Core.Calendar.FiscalYear.Current(TimeProvider.System).StartYear;

        var past = await client.GetStringAsync($"/compliance?year={current - 1}");
        var future = await client.GetStringAsync($"/compliance?year={current + 5}");

        Assert.Contains($"<option value=\"{current - 1}\" selected", past);
        Assert.Contains($"<option value=\"{current}\" selected", future);
    }

    [Fact]
    public void Thresholds_that_cannot_be_used_stop_the_start_with_their_reason()
    {
        using var bad = new BadThresholdsAppFactory();
        var thrown = Assert.ThrowsAny<Exception>(() => bad.Services.GetRequiredService<IOptions<ComplianceSettings>>().Value);
        var errors = new List<Exception>();
        for (var e = thrown; e is not null; e = e.InnerException) errors.Add(e);
        if (thrown is AggregateException all) errors.AddRange(all.Flatten().InnerExceptions);
        var invalid = Assert.Single(errors.OfType<OptionsValidationException>().Take(1));
        Assert.Contains("TrainingActionPercent must not be above TrainingGoodPercent", invalid.Message);
    }

    private async Task<int> DepartmentIdAsync(string code)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Data.SecOpsDxDbContext>();
        return db.Departments.Single(d => d.Code == code).Id;
    }

    private static string[] Lines(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private sealed class BadThresholdsAppFactory() : AppFactory(new() { ["SecOpsDx:Compliance:TrainingActionPercent"] = "95" });
}

/// <summary>The annual report for the 情報セキュリティ委員会: a printable page and a Word file, for the CISO office only.</summary>
public sealed class ComplianceReportTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_CISO_gets_the_report_as_a_page_and_as_a_Word_file_with_the_same_areas()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");
        var current = SecOpsDx.Core.Calendar.FiscalYear.Current(TimeProvider.System).StartYear;

        var html = await client.GetStringAsync($"/compliance/report?year={current - 1}");
        var response = await client.GetAsync($"/compliance/report.docx?year={current - 1}");

        Assert.Contains($"data-testid=\"annual-report\" data-year=\"{current - 1}\"", html);
        Assert.Contains("令和", html); // the demo accounts read dates in 和暦
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(await response.Content.ReadAsStreamAsync(), false);
        var text = docx.MainDocumentPart!.Document.Body!.InnerText;
        foreach (var area in new[] { "研修・訓練", "情報セキュリティポリシー", "三層の対策", "インシデント" })
        {
            Assert.Contains(area, text);
            Assert.Contains(area, html);
        }
        Assert.Contains("作成日: 令和", text);
    }

    [Fact]
    public async Task A_manager_gets_no_organisation_wide_report()
    {
        var client = await SignIn.AsAsync(factory, "manager@example.jp");

        var html = await client.GetStringAsync("/compliance/report");
        var docx = await client.GetAsync("/compliance/report.docx");

        Assert.Contains("report-not-for-managers", html);
        Assert.DoesNotContain("data-testid=\"annual-report\"", html);
        Assert.NotEqual(HttpStatusCode.OK, docx.StatusCode);
    }
}
