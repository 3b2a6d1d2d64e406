using System.Net;
using SecOpsDx.Core.Demo;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// The plain confirmation form when the write refuses it. A class of its own: its app is fresh, so the demo member of
/// staff has not yet confirmed the course that the other training tests complete.
/// </summary>
public sealed class TrainingConfirmationRefusalTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_refused_confirmation_shows_the_form_again_with_the_reason_and_the_chosen_answers_and_records_nothing()
    {
        var client = await SignIn.AsAsync(factory, "staff@example.jp");
        var tasks = await client.GetStringAsync("/my/tasks");
        var row = TrainingPagesTests.TaskRow().Matches(tasks).Single(m => WebUtility.HtmlDecode(m.Groups[2].Value) == DemoTraining.AllStaffTitle);
        var path = $"/my/training/{row.Groups[1].Value}";
        var tomorrow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).AddDays(1).ToString("yyyy-MM-dd");

        var future = await TrainingPagesTests.PostAsync(client, path, ["1", "0", null], tomorrow);
        Assert.Contains("未来の日時は指定できません", future);
        Assert.Contains("data-testid=\"confirm-form\"", future);
        Assert.DoesNotContain("data-testid=\"confirm-result\"", future);
        Assert.Matches("id=\"completed-on\"[^>]*aria-invalid=\"true\"", future);
        Assert.Matches("id=\"q1-c1\"[^>]*checked", future);
        Assert.Matches("id=\"q2-c0\"[^>]*checked", future);
        Assert.DoesNotMatch("id=\"q3-c[0-9]\"[^>]*checked", future);

        var unreadable = await TrainingPagesTests.PostAsync(client, path, ["1", "1", "2"], "2026-13-45");
        Assert.Contains("data-testid=\"confirm-form\"", unreadable);
        Assert.Matches("id=\"completed-on\"[^>]*aria-invalid=\"true\"", unreadable);

        var page = await client.GetStringAsync(path);
        Assert.Contains("data-testid=\"confirm-form\"", page);
        Assert.DoesNotContain("data-testid=\"confirm-attempts\"", page);

        // A post to a course that does not exist shows the page's own answer, not an error.
        var missing = await TrainingPagesTests.PostAsync(client, "/my/training/999999", ["1"]);
        Assert.Contains("data-testid=\"confirm-not-found\"", missing);
    }
}
