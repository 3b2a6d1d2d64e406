using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The incident list as CSV and Excel: the same rows and columns as the page, readable by Excel.</summary>
public sealed class IncidentExportTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<int> TotalAsync(IncidentFilter filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IncidentQueries>().ListAsync(filter)).Total;
    }

    [Fact]
    public async Task The_CSV_starts_with_a_byte_order_mark_has_the_pages_columns_and_one_line_per_ticket()
    {
        var client = await SignIn.AsAsync(factory, "csirt@example.jp");

        var response = await client.GetAsync("/incidents/export.csv?scope=all&sort=number&desc=false");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("管理番号,件名,状態,重要度,分類,受付日時,担当者,次の報告期限", lines[0]);
        Assert.Equal(await TotalAsync(new IncidentFilter(Scope: IncidentScope.All)), lines.Length - 1);
        Assert.True(lines.Length > 2, "the demo has tickets to export");
    }

    [Fact]
    public async Task The_Excel_file_carries_the_same_rows_as_the_list_for_the_same_filter()
    {
        var client = await SignIn.AsAsync(factory, "csirt@example.jp");

        var response = await client.GetAsync("/incidents/export.xlsx?scope=closed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).ToList();
        Assert.Equal(await TotalAsync(new IncidentFilter(Scope: IncidentScope.Closed)), rows.Count);
        Assert.Contains(rows, r => ((IDictionary<string, object?>)r)["状態"]?.ToString()?.StartsWith("クローズ") == true);
    }

    [Fact]
    public void A_value_a_spreadsheet_would_run_as_a_formula_is_kept_as_text()
    {
        var csv = Encoding.UTF8.GetString(SecOpsDx.Web.Components.Shared.TableExport.Csv(
            new(["件名"], [["=HYPERLINK(\"http://x\",\"y\")"], ["普通, の件名"]])));

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", csv);
        Assert.Contains("\"普通, の件名\"", csv);
    }

    [Fact]
    public async Task Staff_cannot_export_the_incident_list()
    {
        var client = await SignIn.AsAsync(factory, "staff@example.jp");

        var response = await client.GetAsync("/incidents/export.csv");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
