using System.Text;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed class RosterImportJourneyTests(BrowserFixture fixture)
{
    private static byte[] ShiftJisRoster()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = """
            職員番号,氏名,ふりがな,所属コード,所属名,役職,メールアドレス,採用日,退職日
            E2E001,髙橋 一郎,たかはし いちろう,7010,危機管理課,主事,takahashi@example.jp,令和5年4月1日,
            E2E002,山﨑 花子,やまさき はなこ,7010,危機管理課,主査,yamasaki@example.jp,R2.4.1,
            E2E003,日付 誤り,ひづけ あやまり,7010,危機管理課,主事,hizuke@example.jp,2023/13/1,
            """;
        return Encoding.GetEncoding(932).GetBytes(csv.Replace("\n", "\r\n"));
    }

    [Fact]
    public async Task An_administrator_previews_a_Shift_JIS_roster_sees_the_bad_row_and_imports_the_rest()
    {
        var page = await fixture.SignInAsync("admin@example.jp");
        await page.ClickAsync("[data-nav=roster-import]");
        await BrowserFixture.WaitForAddressAsync(page, url => url.EndsWith("/organization/roster-import", StringComparison.Ordinal));

        await page.Locator("[data-testid=roster-upload][data-ready=true]").WaitForAsync();
        await Axe.AssertNoSeriousAsync(page);
        await page.Locator("[data-testid=roster-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "roster.csv", MimeType = "text/csv", Buffer = ShiftJisRoster(),
        });

        await Assertions.Expect(page.Locator("[data-testid=roster-rows-read]")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("[data-testid=roster-refused]")).ToHaveTextAsync("1");
        var errorRow = page.Locator("[data-testid=roster-error-row]");
        await Assertions.Expect(errorRow).ToHaveCountAsync(1);
        await Assertions.Expect(errorRow).ToContainTextAsync("4");
        await Assertions.Expect(errorRow).ToContainTextAsync("採用日");
        await Assertions.Expect(page.Locator("[data-testid=roster-import]")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=roster-rows]")).ToContainTextAsync("髙橋 一郎");
        await Assertions.Expect(page.Locator("[data-testid=roster-rows]")).ToContainTextAsync("山﨑 花子");
        await Axe.AssertNoSeriousAsync(page);

        await page.ClickAsync("[data-testid=roster-skip-invalid]");
        await Assertions.Expect(page.Locator("[data-testid=roster-skip-invalid]")).ToBeCheckedAsync();
        await page.ClickAsync("[data-testid=roster-import]");

        await Assertions.Expect(page.Locator("[data-testid=roster-result]")).ToContainTextAsync("新規 2 件");
        await Axe.AssertNoSeriousAsync(page);
        await page.Context.CloseAsync();
    }
}
