using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Tests.Support;
using static SecOpsDx.Web.Tests.Support.ExportFiles;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// The .xlsx exports as a spreadsheet user works with them: counts and rates are numbers (SUM adds them up), dates are
/// Excel dates with a 和暦 or western format as the reader prefers (so they sort), and text that looks like a formula
/// is a string cell holding exactly that text. The CSIRT member reads English with western dates here.
/// </summary>
public sealed class ExcelValuesTests(AppFactory factory) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string Ciso = "ciso@example.jp", Csirt = "csirt@example.jp";

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

    private static double Serial(int y, int m, int d) => new DateTime(y, m, d).ToOADate();

    [Fact]
    public async Task Counts_rates_and_dates_are_values_and_formula_like_text_stays_text_exactly()
    {
        var received = new DateTimeOffset(2025, 4, 1, 0, 30, 0, TimeSpan.Zero); // 09:30 in Japan
        var table = new ExportTable(["件名", "件数", "率", "日付", "受付", "月"],
        [
            ["=SUM(B2:B3)", ExportCell.Count(12), ExportCell.Percent("95.9%"), ExportCell.Date(new DateOnly(2019, 5, 1), DateDisplayStyle.Wareki),
                ExportCell.Date(received, DateDisplayStyle.Wareki, withTime: true), ExportCell.Month(2025, 4, "2025年4月")],
            ["+81 3-1234", ExportCell.Count(0), ExportCell.Percent("80%"), ExportCell.Date(new DateOnly(2025, 4, 1), DateDisplayStyle.Western),
                ExportCell.Date(received, DateDisplayStyle.Western, withTime: false), ""],
            ["-2", "", ExportCell.Percent("—"), "", "", ""],
            ["@A1", "", "", "", "", ""],
        ]);

        var cells = XlsxCells(await TableExport.XlsxAsync(table, default));

        OfficeFiles.AssertValid(await TableExport.XlsxAsync(table, default), "typed cells");
        Assert.Equal(["=SUM(B2:B3)", "+81 3-1234", "-2", "@A1"], cells.Skip(1).Select(r => r[0].Text));
        Assert.All(cells.Skip(1), r => Assert.Null(r[0].Number));
        Assert.Equal(new SheetCell(null, 12, null), cells[1][1]);
        Assert.Equal(new SheetCell(null, 0, null), cells[2][1]);
        Assert.Equal(0.959, cells[1][2].Number!.Value, 10);
        Assert.Equal("0.0%", cells[1][2].Format);
        Assert.Equal(new SheetCell(null, 0.8, "0%"), cells[2][2]);
        Assert.Equal("—", cells[3][2].Text);
        Assert.Equal(new SheetCell(null, Serial(2019, 5, 1), ExportCell.WarekiDate), cells[1][3]);
        Assert.Equal(new SheetCell(null, Serial(2025, 4, 1), "yyyy/mm/dd"), cells[2][3]);
        Assert.Equal(Serial(2025, 4, 1) + 9.5 / 24, cells[1][4].Number!.Value, 6);
        Assert.Equal(ExportCell.WarekiDateTime, cells[1][4].Format);
        Assert.Equal(new SheetCell(null, Serial(2025, 4, 1), "yyyy/mm/dd"), cells[2][4]);
        Assert.Equal(new SheetCell(null, Serial(2025, 4, 1), ExportCell.JapaneseMonth), cells[1][5]);
        Assert.StartsWith("[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\"", ExportCell.WarekiDate);
        Assert.Equal("令和元年5月1日", cells[1][3].Shown(english: false));
    }

    [Fact]
    public async Task The_department_rates_are_numbers_whose_sums_are_the_organisation_figures()
    {
        var client = await SignIn.AsAsync(factory, Ciso);

        var cells = XlsxCells(await client.GetByteArrayAsync("/compliance/export/departments.xlsx"));
        var csv = Csv(await client.GetByteArrayAsync("/compliance/export/departments.csv"));

        Assert.True(cells.Count > 2, "the demo has departments");
        foreach (var (row, line) in cells.Skip(1).Zip(csv.Skip(1)))
        {
            Assert.Equal(line[0], row[0].Text);
            Assert.Equal("0.0%", row[1].Format);
            Assert.Equal(line[1], row[1].Shown(english: false));
            for (var k = 2; k <= 4; k++)
            {
                Assert.Null(row[k].Format);
                Assert.Equal(int.Parse(line[k], CultureInfo.InvariantCulture), row[k].Number);
            }
        }
        var completed = cells.Skip(1).Sum(r => r[2].Number!.Value);
        Assert.Equal(csv.Skip(1).Sum(l => int.Parse(l[2], CultureInfo.InvariantCulture)), completed);
    }

    [Fact]
    public async Task The_months_of_the_incident_statistics_are_dates_in_order_and_the_total_row_is_their_sum()
    {
        var client = await SignIn.AsAsync(factory, Ciso);

        var cells = XlsxCells(await client.GetByteArrayAsync("/incidents/dashboard/export.xlsx"));

        var months = cells.Skip(1).SkipLast(1).ToList();
        Assert.Equal(12, months.Count);
        Assert.All(months, r => Assert.Equal(ExportCell.JapaneseMonth, r[0].Format));
        var serials = months.Select(r => r[0].Number!.Value).ToList();
        Assert.Equal(serials.Order(), serials);
        Assert.Equal(4, DateTime.FromOADate(serials[0]).Month);
        Assert.Equal(months.Sum(r => r[1].Number!.Value), cells[^1][1].Number);
        Assert.Equal(months.Sum(r => r[2].Number!.Value), cells[^1][2].Number);
        Assert.Equal("すべて", cells[^1][0].Text);
    }

    [Fact]
    public async Task Incident_received_times_are_date_times_in_the_western_format_for_a_western_reader()
    {
        var client = await SignIn.AsAsync(factory, Csirt);

        var cells = XlsxCells(await client.GetByteArrayAsync("/incidents/export.xlsx?scope=all"));
        var csv = Csv(await client.GetByteArrayAsync("/incidents/export.csv?scope=all"));

        Assert.True(cells.Count > 2, "the demo has tickets");
        var received = cells[0].Select(c => c.Text).ToList().IndexOf("Received");
        Assert.True(received >= 0, string.Join(",", cells[0].Select(c => c.Text)));
        foreach (var (row, line) in cells.Skip(1).Zip(csv.Skip(1)))
        {
            Assert.Equal(ExportCell.WesternDateTime, row[received].Format);
            Assert.Equal(line[received], row[received].Shown(english: true));
        }
    }

    [Fact]
    public async Task Register_dates_are_dates_in_the_wareki_format_for_a_wareki_reader()
    {
        var client = await SignIn.AsAsync(factory, Ciso);

        var cells = XlsxCells(await client.GetByteArrayAsync("/policies/register/export.xlsx"));
        var csv = Csv(await client.GetByteArrayAsync("/policies/register/export.csv"));

        var dates = cells.Skip(1).SelectMany(r => r.Skip(5).Take(5)).Where(c => c.Number is not null).ToList();
        Assert.NotEmpty(dates);
        Assert.All(dates, c => Assert.Equal(ExportCell.WarekiDate, c.Format));
        foreach (var (row, line) in cells.Skip(1).Zip(csv.Skip(1)))
            for (var k = 5; k < 10; k++) Assert.Equal(line[k], row[k].Shown(english: false));
        Assert.Contains(csv.Skip(1), l => l[5].StartsWith("令和", StringComparison.Ordinal));
    }
}
