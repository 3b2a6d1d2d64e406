using System.Net;
using System.Text.RegularExpressions;
using SecOpsDx.Core.Demo;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>A self-check finding still open after its corrective-action date is marked 期限超過 where it is listed.</summary>
public sealed partial class SelfCheckFindingTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [GeneratedRegex("href=\"controls/self-check/(\\d+)\"")]
    private static partial Regex CheckLink();

    [Fact]
    public async Task An_open_finding_past_its_date_is_marked_overdue_and_one_due_later_is_not()
    {
        var ciso = await SignIn.AsAsync(factory, "ciso@example.jp");
        var list = await ciso.GetStringAsync("/controls/self-check");
        var pages = new List<string>();
        foreach (var id in CheckLink().Matches(list).Select(m => m.Groups[1].Value).Distinct())
            pages.Add(WebUtility.HtmlDecode(await ciso.GetStringAsync($"/controls/self-check/{id}")));

        // The demo's 市民課 findings of last 年度: MN-05 ten days past its date, MN-06 due later this month.
        var rows = pages.SelectMany(p => Regex.Matches(p, "<tr[^>]*>(?:(?!</tr>).)*</tr>", RegexOptions.Singleline).Select(m => m.Value)).ToList();
        var overdue = rows.Where(r => r.Contains(">" + DemoControls.OverdueFinding + "<", StringComparison.Ordinal) && r.Contains("self-check-finding", StringComparison.Ordinal)).ToList();
        var dueSoon = rows.Where(r => r.Contains(">" + DemoControls.DueSoonFinding + "<", StringComparison.Ordinal) && r.Contains("self-check-finding", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(overdue);
        Assert.Contains(overdue, r => r.Contains("data-testid=\"finding-overdue\"", StringComparison.Ordinal) && r.Contains("期限超過", StringComparison.Ordinal));
        Assert.NotEmpty(dueSoon);
        Assert.DoesNotContain(dueSoon, r => r.Contains("data-testid=\"finding-overdue\"", StringComparison.Ordinal));
    }
}
