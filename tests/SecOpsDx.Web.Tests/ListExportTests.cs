using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Tests.Support;
using static SecOpsDx.Web.Tests.Support.ExportFiles;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// The lists behind the CISO dashboard as CSV and .xlsx: the rows, columns and words the page shows to the same person
/// (language, date style, department), refused to whoever the page refuses, and formulas kept as text.
/// In this app the Admin and the CSIRT member read English with western dates; the others Japanese with 和暦.
/// </summary>
public sealed class ListExportTests(AppFactory factory) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string Ciso = "ciso@example.jp", Admin = "admin@example.jp", Manager = "manager@example.jp", Csirt = "csirt@example.jp", Staff = "staff@example.jp";

    private static bool English(string email) => email is Admin or Csirt;

    /// <summary>A list: its page, the table on it (or the rows across its tables), and the address of its files without the extension.</summary>
    private sealed record ListCase(string Page, string Table, string Export, string? Rows = null, int? Columns = null);

    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var email in new[] { Admin, Csirt })
        {
            var user = (await users.FindByEmailAsync(email))!;
            if (user.PreferredCulture == "en-US") continue;
            (user.PreferredCulture, user.DateStyle) = ("en-US", "Western");
            await users.UpdateAsync(user);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> use, string? asEmail = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var actor = new AuditActor(null, "test");
        if (asEmail is not null)
            actor = new AuditActor((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(asEmail))!.Id, asEmail);
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = actor;
        return await use(scope.ServiceProvider);
    }

    private async Task<ListCase> CaseAsync(string list)
    {
        switch (list)
        {
            case "register": return new("/policies/register", "[data-testid=policy-register]", "/policies/register/export");
            case "rates": return new("/policies/acknowledgments", "[data-testid=rates]", "/policies/acknowledgments/export");
            case "missing":
                var doc = await WithAsync(async sp => (await sp.GetRequiredService<PolicyQueries>().DocumentAsync("security-standards"))!.Id);
                return new($"/policies/acknowledgments?doc={doc}", "[data-testid=missing-list]", $"/policies/acknowledgments/{doc}/missing");
            case "matrix": return new("/controls/matrix", "[data-testid=matrix]", "/controls/matrix/export");
            case "due": return new("/controls/due", "[data-testid=overdue-rows]", "/controls/due/export", Rows: "tr[data-testid=overdue-row], tr[data-testid=due-row]");
            case "exceptions": return new("/controls/exceptions", "[data-testid=exception-table]", "/controls/exceptions/export");
            case "self-check":
                var check = await WithAsync(async sp => (await sp.GetRequiredService<SelfCheckQueries>().ListAsync()).First(c => !c.IsOpen).Id);
                return new($"/controls/self-check/{check}", "[data-testid=self-check-lines]", $"/controls/self-check/{check}/export", Columns: 4);
            case "statistics": return new("/incidents/dashboard", "[data-testid=statistics-months]", "/incidents/dashboard/export");
            // The CISO dashboard's incident area shows the statistics page's table, and offers the same file.
            case "dashboard-incidents": return new("/compliance", "[data-testid=incidents-months]", "/incidents/dashboard/export");
            case "statistics-last-year":
                var last = Core.Calendar.FiscalYear.Current(TimeProvider.System).StartYear - 1;
                return new($"/incidents/dashboard?year={last}", "[data-testid=statistics-months]", $"/incidents/dashboard/export?year={last}");
            default: throw new ArgumentOutOfRangeException(nameof(list));
        }
    }

    private static string File(ListCase c, string format)
    {
        var query = c.Export.IndexOf('?');
        return query < 0 ? $"{c.Export}.{format}" : $"{c.Export[..query]}.{format}{c.Export[query..]}";
    }

    /// <summary>What the page shows, as the file should carry it: the due list's rows get the heading of the list they are under.</summary>
    private static (string[] Headers, List<string[]> Rows) Expected(string list, string html, ListCase c, bool english)
    {
        var (headers, rows) = PageTable(html, c.Table, c.Rows);
        if (c.Columns is { } n) (headers, rows) = (headers[..n], rows.Select(r => r[..n]).ToList());
        if (list != "due") return (headers, rows);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var sections = document.QuerySelectorAll(c.Rows!).Select(r => r.GetAttribute("data-testid") == "overdue-row"
            ? (english ? "Overdue" : "期限超過") : (english ? "Due this month" : "今月が期限")).ToList();
        return ([english ? "List" : "区分", .. headers], rows.Select((r, i) => (string[])[sections[i], .. r]).ToList());
    }

    public static TheoryData<string, string> Viewers => new()
    {
        { "register", Ciso }, { "register", Admin },
        { "rates", Manager }, { "rates", Ciso }, { "rates", Admin },
        { "missing", Manager }, { "missing", Admin },
        { "matrix", Ciso }, { "matrix", Admin },
        { "due", Ciso }, { "due", Manager }, { "due", Admin },
        { "exceptions", Ciso }, { "exceptions", Admin },
        { "self-check", Ciso }, { "self-check", Manager }, { "self-check", Admin },
        { "statistics", Ciso }, { "statistics", Csirt }, { "statistics-last-year", Ciso }, { "dashboard-incidents", Ciso },
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task The_CSV_and_the_Excel_file_carry_the_rows_and_words_the_page_shows_to_the_same_person(string list, string email)
    {
        var c = await CaseAsync(list);
        var client = await SignIn.AsAsync(factory, email);
        var (headers, rows) = Expected(list, await client.GetStringAsync(c.Page), c, English(email));

        var csvResponse = await client.GetAsync(File(c, "csv"));
        var xlsxResponse = await client.GetAsync(File(c, "xlsx"));

        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^[A-Za-z0-9._-]+\\.csv$", FileName(csvResponse));
        var csv = Csv(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(headers, csv[0]);
        Assert.Equal(rows.Select(r => r.Select(Guarded).ToArray()), csv.Skip(1).Select(r => r.Select(Normalise).ToArray()));

        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal(TableExport.XlsxType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^[A-Za-z0-9._-]+\\.xlsx$", FileName(xlsxResponse));
        var xlsx = Xlsx(await xlsxResponse.Content.ReadAsByteArrayAsync(), English(email));
        Assert.Equal(headers, xlsx[0]);
        Assert.Equal(rows, xlsx.Skip(1).Select(r => r.Select(Normalise).ToArray()));
    }

    [Theory]
    [InlineData("register", "表題", "Title")]
    [InlineData("rates", "表題", "Title")]
    [InlineData("missing", "職員番号", "Employee no.")]
    [InlineData("matrix", "対策", "Control")]
    [InlineData("due", "区分", "List")]
    [InlineData("exceptions", "対策", "Control")]
    [InlineData("self-check", "対策", "Control")]
    [InlineData("statistics", "月", "Month")]
    public async Task The_header_row_is_in_the_language_of_the_person_who_downloads_and_the_demo_has_rows_to_export(string list, string japanese, string english)
    {
        var c = await CaseAsync(list);
        var inJapanese = list is "rates" or "missing" ? Manager : Ciso;
        var inEnglish = list == "statistics" ? Csirt : Admin;

        var ja = Csv(await (await SignIn.AsAsync(factory, inJapanese)).GetByteArrayAsync(File(c, "csv")));
        var en = Csv(await (await SignIn.AsAsync(factory, inEnglish)).GetByteArrayAsync(File(c, "csv")));

        Assert.Equal(japanese, ja[0][0]);
        Assert.Equal(english, en[0][0]);
        Assert.True(ja.Count > 1, $"the demo has rows in the {list} list");
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "register", Staff }, { "register", Manager }, { "register", Csirt },
        { "rates", Staff }, { "rates", Csirt },
        { "missing", Staff }, { "missing", Csirt },
        { "matrix", Staff }, { "matrix", Manager }, { "matrix", Csirt },
        { "due", Staff }, { "due", Csirt },
        { "exceptions", Staff }, { "exceptions", Manager }, { "exceptions", Csirt },
        { "self-check", Staff }, { "self-check", Csirt },
        { "statistics", Staff }, { "statistics", Manager }, { "statistics", Admin },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Whoever_the_page_refuses_gets_neither_file(string list, string email)
    {
        var c = await CaseAsync(list);
        var client = await SignIn.AsAsync(factory, email);

        var page = await client.GetAsync(c.Page);
        var csv = await client.GetAsync(File(c, "csv"));
        var xlsx = await client.GetAsync(File(c, "xlsx"));

        foreach (var response in new[] { page, csv, xlsx })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
    }

    public static TheoryData<string> Lists => new("register", "rates", "missing", "matrix", "due", "exceptions", "self-check", "statistics");

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Nobody_signed_out_gets_a_file(string list)
    {
        var c = await CaseAsync(list);

        var response = await factory.CreateBrowserLikeClient().GetAsync(File(c, "xlsx"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_format_other_than_csv_or_xlsx_is_not_found()
    {
        var client = await SignIn.AsAsync(factory, Ciso);

        var response = await client.GetAsync("/controls/matrix/export.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("due", 1)]
    [InlineData("self-check", 0)]
    public async Task A_manager_gets_the_controls_they_own_and_the_CISO_gets_them_all(string list, int idColumn)
    {
        var c = await CaseAsync(list);

        var mine = Csv(await (await SignIn.AsAsync(factory, Manager)).GetByteArrayAsync(File(c, "csv"))).Skip(1).ToList();
        var all = Csv(await (await SignIn.AsAsync(factory, Ciso)).GetByteArrayAsync(File(c, "csv"))).Skip(1).ToList();

        // 市民課 owns the マイナンバー利用事務系 controls (MN-) in the demo.
        Assert.NotEmpty(mine);
        Assert.All(mine, r => Assert.StartsWith("MN-", r[idColumn]));
        Assert.Contains(all, r => !r[idColumn].StartsWith("MN-", StringComparison.Ordinal));
        Assert.True(all.Count > mine.Count);
        if (list == "due") Assert.Contains(mine, r => r[1] == DemoControls.OverdueOwnedControl);
    }

    [Fact]
    public async Task A_manager_who_names_another_department_gets_their_own_rates_and_missing_list()
    {
        var missing = await CaseAsync("missing");
        var (own, other) = await WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<Core.Data.SecOpsDxDbContext>();
            return (db.Departments.Single(d => d.Code == "2010").Id, db.Departments.Single(d => d.Code == "1030").Id);
        });
        var client = await SignIn.AsAsync(factory, Manager);
        var ownRates = Csv(await client.GetByteArrayAsync("/policies/acknowledgments/export.csv"));

        var rates = await client.GetAsync($"/policies/acknowledgments/export.xlsx?dept={other}");
        var list = Xlsx(await client.GetByteArrayAsync($"{missing.Export}.xlsx?dept={other}"));

        Assert.StartsWith($"policy-acknowledgments-{own}-", FileName(rates));
        Assert.Equal(ownRates, Xlsx(await rates.Content.ReadAsByteArrayAsync()));
        Assert.True(list.Count > 1, "市民課 has staff who have not acknowledged the standards");
        Assert.All(list.Skip(1), r => Assert.Equal("市民課", r[2]));
    }

    [Fact]
    public async Task The_CISO_can_choose_the_department_of_the_rates_file_as_on_the_page()
    {
        var other = await WithAsync(async sp => sp.GetRequiredService<Core.Data.SecOpsDxDbContext>().Departments.Single(d => d.Code == "1030").Id);
        var client = await SignIn.AsAsync(factory, Ciso);
        var (_, rows) = PageTable(await client.GetStringAsync($"/policies/acknowledgments?dept={other}"), "[data-testid=rates]");

        var response = await client.GetAsync($"/policies/acknowledgments/export.csv?dept={other}");

        Assert.StartsWith($"policy-acknowledgments-{other}-", FileName(response));
        Assert.Equal(rows, Csv(await response.Content.ReadAsByteArrayAsync()).Skip(1));
    }

    [Fact]
    public async Task Text_a_spreadsheet_would_run_as_a_formula_stays_text_in_both_files_and_reads_as_typed_on_the_page()
    {
        const string Reason = "=HYPERLINK(\"http://example.invalid\",\"開く\")", Measures = "@SUM(1+1) 代替措置";
        await WithAsync(sp => sp.GetRequiredService<RequestControlException>()
            .ExecuteAsync(DemoControls.DueSoonFinding, null, Reason, Measures, sp.GetRequiredService<ControlQueries>().Today.AddDays(30)), asEmail: Ciso);
        var client = await SignIn.AsAsync(factory, Ciso);
        var (_, page) = PageTable(await client.GetStringAsync("/controls/exceptions"), "[data-testid=exception-table]");

        var csv = Csv(await client.GetByteArrayAsync("/controls/exceptions/export.csv"));
        var bytes = await client.GetByteArrayAsync("/controls/exceptions/export.xlsx");

        Assert.Contains(page, r => r[2] == Reason && r[3] == Measures);
        Assert.Contains(csv, r => r[2] == "'" + Reason && r[3] == "'" + Measures);
        Assert.Contains(Xlsx(bytes), r => r[2] == Reason && r[3] == Measures);
        Assert.False(XlsxHasFormula(bytes), "no cell of the sheet is a formula");
    }

    [Fact]
    public async Task The_writer_guards_each_formula_start_and_writes_the_header_of_an_empty_list()
    {
        var table = new ExportTable(["件名", "メモ"], [["=1+1", "+81 3"], ["-2", "@A1"], ["普通, \"引用\"", "二行\n目"]]);

        var csv = Csv(TableExport.Csv(table));
        var xlsx = await TableExport.XlsxAsync(table, default);
        var empty = Xlsx(await TableExport.XlsxAsync(new ExportTable(["件名", "メモ"], []), default));

        Assert.Equal([["件名", "メモ"], ["'=1+1", "'+81 3"], ["'-2", "'@A1"], ["普通, \"引用\"", "二行\n目"]], csv);
        Assert.Equal([["件名", "メモ"], ["=1+1", "+81 3"], ["-2", "@A1"], ["普通, \"引用\"", "二行\n目"]], Xlsx(xlsx));
        Assert.False(XlsxHasFormula(xlsx));
        Assert.Equal([["件名", "メモ"]], empty);
    }
}
