using Microsoft.Extensions.DependencyInjection;
using System.Text;
using System.Text.RegularExpressions;
using SecOpsDx.Core.Training;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The drill page of a large drill, as the CISO office opens it.</summary>
public sealed partial class DrillPageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [GeneratedRegex("<tr><td>guest\\d+@example\\.com</td>")]
    private static partial Regex UnknownRow();

    [Fact]
    public async Task A_drill_of_many_recipients_lists_one_page_of_them_with_the_totals_over_everyone()
    {
        var csv = new StringBuilder("email,status,reported,send_date,first_name,last_name\n")
            .Append("staff@example.jp,Clicked Link,false,2020-06-01T09:00:00+09:00,さくら,窓口\n");
        for (var i = 0; i < 450; i++) csv.Append($"guest{i:D4}@example.com,Email Sent,false,2020-06-01T09:00:00+09:00,,\n");
        int drillId;
        using (var scope = factory.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<DrillImporter>().ImportAsync("大規模訓練", Encoding.UTF8.GetBytes(csv.ToString()));
            Assert.True(result.Applied);
            drillId = result.DrillId!.Value;
        }
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");

        var html = await client.GetStringAsync($"/training/drills/{drillId}");

        Assert.Equal(DrillQueries.PageSize, UnknownRow().Matches(html).Count);
        Assert.Contains("(450)", html);
        Assert.Contains("<td>451</td>", html); // sent, over every recipient
        Assert.Contains("data-testid=\"drill-unknown-pager\"", html);
        Assert.DoesNotContain("data-testid=\"drill-people-pager\"", html);
        Assert.True(html.Length < 200_000, $"the page is {html.Length} characters");
    }
}
