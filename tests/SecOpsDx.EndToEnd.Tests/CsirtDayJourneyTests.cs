using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>A CSIRT member's day: the work queue on the home page, a list sorted and filtered by link, its export.</summary>
[Collection(AppCollection.Name)]
public sealed class CsirtDayJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_CSIRT_starts_from_the_work_queue_sorts_and_filters_the_list_by_link_and_exports_what_it_shows()
    {
        var csirt = await fixture.SignInAsync("csirt@example.jp");

        // The demo city has an untriaged report, tickets assigned to this member, an overdue task and a PPC report due.
        var queue = csirt.Locator("[data-testid=work-queue]");
        await Assertions.Expect(queue.Locator("[data-testid=queue-untriaged]")).ToContainTextAsync("不審なメールの添付ファイルを開いてしまった");
        await Assertions.Expect(queue.Locator("[data-testid=queue-mine]")).ToContainTextAsync("EDRが端末でマルウェアを検知");
        await Assertions.Expect(queue.Locator("[data-testid=queue-tasks]")).ToContainTextAsync("同じ課の全端末をフルスキャンする");
        await Assertions.Expect(queue.Locator("[data-testid=queue-reports]")).ToContainTextAsync("個人情報保護委員会(速報)");
        await Axe.AssertNoSeriousAsync(csirt);

        // Sorting is a link: the order is in the address.
        await csirt.ClickAsync("[data-nav=incidents]");
        await csirt.ClickAsync("[data-testid=sort-severity]");
        await BrowserFixture.WaitForAddressAsync(csirt, url => url.Contains("sort=severity"));
        await Assertions.Expect(csirt.Locator("th[aria-sort=descending]")).ToContainTextAsync("重要度");
        var rank = new Dictionary<string, int> { ["重大"] = 4, ["高"] = 3, ["中"] = 2, ["低"] = 1 };
        var ranks = (await csirt.Locator("[data-testid=incident-row] td:nth-child(4)").AllInnerTextsAsync())
            .Select(t => rank.GetValueOrDefault(t.Trim())).ToList();
        Assert.True(ranks.Count > 1);
        Assert.Equal(ranks.OrderByDescending(r => r), ranks);
        Assert.True(ranks[0] >= 3);

        // 担当=自分 from the queue's link; the filter survives a reload because it lives in the address.
        await csirt.GotoAsync("incidents?mine=true");
        await BrowserFixture.WaitUntilInteractiveAsync(csirt);
        await Assertions.Expect(csirt.Locator("[data-testid=incident-mine]")).ToBeCheckedAsync();
        var rows = csirt.Locator("[data-testid=incident-row]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        foreach (var name in await csirt.Locator("[data-testid=incident-row] td:nth-child(7)").AllInnerTextsAsync())
            Assert.Equal("安全 花子", name.Trim());
        await csirt.ClickAsync("[data-testid=incident-overdue]");
        await Assertions.Expect(csirt.Locator("[data-testid=incident-overdue]")).ToBeCheckedAsync();
        await csirt.ClickAsync("[data-testid=incident-filter]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        Assert.Contains("overdue=true", csirt.Url);
        Assert.Contains("mine=true", csirt.Url);
        await Assertions.Expect(rows.First).ToContainTextAsync("EDRが端末でマルウェアを検知");
        await Axe.AssertNoSeriousAsync(csirt);

        // The export carries what the list shows.
        var href = await csirt.Locator("[data-testid=export-csv]").GetAttributeAsync("href");
        Assert.Contains("overdue=true", href);
        var csv = await csirt.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, csv.Status);
        var bytes = await csv.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("EDRが端末でマルウェアを検知", lines[1]);
        var xlsx = await csirt.Context.APIRequest.GetAsync((await csirt.Locator("[data-testid=export-xlsx]").GetAttributeAsync("href"))!);
        Assert.Equal(200, xlsx.Status);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.BodyAsync())[..2]);
        await csirt.Context.CloseAsync();
    }
}
