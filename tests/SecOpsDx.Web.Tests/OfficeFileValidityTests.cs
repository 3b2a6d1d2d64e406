using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// Every Word and Excel file the app writes, made from the demo municipality's data and read by the Open XML SDK's
/// validator as a schema-following reader would: no errors. The CSIRT member reads English with western dates, the
/// others Japanese with 和暦, so both kinds of file are checked.
/// </summary>
public sealed class OfficeFileValidityTests(AppFactory factory) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string Ciso = "ciso@example.jp", Manager = "manager@example.jp", Csirt = "csirt@example.jp";

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(Csirt))!;
        if (user.PreferredCulture == "en-US") return;
        (user.PreferredCulture, user.DateStyle) = ("en-US", "Western");
        await users.UpdateAsync(user);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    /// <summary>The address of a file from names the addresses need (a document's revisions, a closed self-check).</summary>
    private async Task<string> AddressAsync(string file)
    {
        var current = Core.Calendar.FiscalYear.Current(TimeProvider.System).StartYear;
        switch (file)
        {
            case "report-this-year": return $"/compliance/report.docx?year={current}";
            case "report-last-year": return $"/compliance/report.docx?year={current - 1}";
            case "compare" or "compare-omitted":
                var document = await WithAsync(async sp => (await sp.GetRequiredService<PolicyQueries>().DocumentAsync("security-standards"))!);
                var (older, newer) = (document.Revisions.Single(r => r.Number == 1).Id, document.Revisions.Single(r => r.Number == 2).Id);
                return $"/policies/compare/{older}/{newer}.docx" + (file == "compare-omitted" ? "?omit=true" : "");
            case "missing":
                var doc = await WithAsync(async sp => (await sp.GetRequiredService<PolicyQueries>().DocumentAsync("security-standards"))!.Id);
                return $"/policies/acknowledgments/{doc}/missing.xlsx";
            case "self-check":
                var check = await WithAsync(async sp => (await sp.GetRequiredService<SelfCheckQueries>().ListAsync()).First(c => !c.IsOpen).Id);
                return $"/controls/self-check/{check}/export.xlsx";
            default: return file;
        }
    }

    public static TheoryData<string, string> Files => new()
    {
        { "report-this-year", Ciso }, { "report-last-year", Ciso },
        { "compare", Ciso }, { "compare-omitted", Ciso },
        { "/incidents/export.xlsx?scope=all", Ciso }, { "/incidents/export.xlsx?scope=all", Csirt },
        { "/incidents/dashboard/export.xlsx", Ciso }, { "/incidents/dashboard/export.xlsx", Csirt },
        { "/compliance/export/departments.xlsx", Ciso }, { "/compliance/export/overdue.xlsx", Ciso },
        { "/controls/matrix/export.xlsx", Ciso }, { "/controls/due/export.xlsx", Ciso }, { "/controls/due/export.xlsx", Manager },
        { "/controls/exceptions/export.xlsx", Ciso }, { "self-check", Ciso },
        { "/policies/register/export.xlsx", Ciso }, { "/policies/acknowledgments/export.xlsx", Manager }, { "missing", Manager },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_generated_Office_file_has_no_schema_errors(string file, string email)
    {
        var client = await SignIn.AsAsync(factory, email);
        var address = await AddressAsync(file);

        var response = await client.GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000, $"{address} is a file");
        OfficeFiles.AssertValid(bytes, address);
    }

    [Fact]
    public async Task An_empty_list_makes_a_valid_workbook_too() =>
        OfficeFiles.AssertValid(await TableExport.XlsxAsync(new ExportTable(["件名", "メモ"], []), default), "an empty list");
}
