using System.Net;
using System.Text.RegularExpressions;
using SecOpsDx.Core.Demo;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The training pages through HTTP: who may open what, and the plain confirmation form.</summary>
public sealed partial class TrainingPagesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [GeneratedRegex("data-testid=\"training-task\" data-course=\"(\\d+)\">\\s*<td>([^<]+)</td>")]
    internal static partial Regex TaskRow();

    [GeneratedRegex("data-testid=\"dept-row\" data-staff=\"[^\"]+\"><td>[^<]*</td>\\s*<td>[^<]*</td>\\s*<td>([^<]*)</td>")]
    private static partial Regex DepartmentRow();

    [Theory]
    [InlineData("staff@example.jp", "/training")]
    [InlineData("staff@example.jp", "/training/department")]
    [InlineData("staff@example.jp", "/training/courses/new")]
    [InlineData("staff@example.jp", "/training/import")]
    [InlineData("staff@example.jp", "/training/drills")]
    [InlineData("manager@example.jp", "/training")]
    [InlineData("manager@example.jp", "/training/import")]
    [InlineData("manager@example.jp", "/training/drills")]
    [InlineData("csirt@example.jp", "/training/department")]
    [InlineData("ciso@example.jp", "/training/import")]
    [InlineData("staff@example.jp", "/training/courses/1")]
    [InlineData("manager@example.jp", "/training/courses/1")]
    [InlineData("manager@example.jp", "/organization/staff/1")]
    [InlineData("ciso@example.jp", "/organization/staff/1")]
    public async Task Staff_and_managers_cannot_open_the_pages_of_the_CISO_office(string email, string path)
    {
        var client = await SignIn.AsAsync(factory, email);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_manager_sees_only_their_own_department()
    {
        var client = await SignIn.AsAsync(factory, "manager@example.jp");
        var html = await client.GetStringAsync("/training/department");
        var departments = DepartmentRow().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(departments);
        Assert.All(departments, d => Assert.Equal("市民課", d));
        Assert.DoesNotContain("data-testid=\"dept-department\"", html);
    }

    [Fact]
    public async Task Staff_confirm_a_course_with_its_quiz_through_the_plain_form_where_a_blank_answer_is_refused_and_a_failed_quiz_retried()
    {
        var client = await SignIn.AsAsync(factory, "staff@example.jp");
        var tasks = await client.GetStringAsync("/my/tasks");
        var row = TaskRow().Matches(tasks).Single(m => WebUtility.HtmlDecode(m.Groups[2].Value) == DemoTraining.AllStaffTitle);
        var path = $"/my/training/{row.Groups[1].Value}";

        var blank = await PostAsync(client, path, ["1", null, "2"]);
        Assert.Contains("問2に回答してください", blank);
        Assert.DoesNotContain("data-testid=\"confirm-result\"", blank);

        var failed = await PostAsync(client, path, ["0", "1", "2"]);
        Assert.Contains("data-testid=\"confirm-result\"", failed);
        Assert.Contains("得点 66点(合格点 80点)", failed);
        Assert.Contains("data-testid=\"confirm-form\"", failed);
        // The person is told which question was wrong, and the answers given stay chosen for the retry.
        Assert.Contains("不正解だった問題: 問1。", WebUtility.HtmlDecode(failed));
        Assert.Single(Regex.Matches(failed, "data-wrong=\"true\""));
        Assert.Matches("id=\"q2-c1\"[^>]*checked|checked[^>]*id=\"q2-c1\"", failed);

        var passed = await PostAsync(client, path, ["1", "1", "2"]);
        Assert.Contains("得点 100点(合格点 80点)", passed);
        Assert.Contains("data-testid=\"confirm-done\"", passed);

        var after = await client.GetStringAsync("/my/tasks");
        Assert.Matches($"data-course=\"{row.Groups[1].Value}\">(?:(?!</tr>).)*受講済", after.Replace("\n", " "));
        var history = await client.GetStringAsync("/my/training/history");
        Assert.True(Regex.Matches(history, "data-testid=\"history-row\"").Count >= 2, "the failed try and the passed one are both in the history");
    }

    [Fact]
    public async Task The_CISO_office_sees_a_retired_course_apart_from_the_rates_and_its_page_read_only_with_the_day_and_reason()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");
        var overview = WebUtility.HtmlDecode(await client.GetStringAsync("/training"));
        var retired = Regex.Match(overview, "data-testid=\"overview-retired-course\">\\s*<td><a href=\"training/courses/(\\d+)\">([^<]+)</a>");
        Assert.True(retired.Success, "the retired course is listed");
        Assert.Equal(DemoTraining.RetiredTitle, retired.Groups[2].Value);
        Assert.Contains(DemoTraining.RetiredReason, overview);
        Assert.DoesNotMatch($"data-testid=\"overview-course\">\\s*<td><a href=\"training/courses/{retired.Groups[1].Value}\"", overview);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/training/courses/{retired.Groups[1].Value}"));
        Assert.Contains("data-testid=\"course-retired\"", page);
        Assert.Contains(DemoTraining.RetiredReason, page);
        Assert.Contains("data-retired=\"true\"", page);
        Assert.DoesNotContain("data-testid=\"course-save\"", page);
        Assert.DoesNotContain("data-testid=\"retire-panel\"", page);

        var staff = await SignIn.AsAsync(factory, "staff@example.jp");
        Assert.DoesNotContain(DemoTraining.RetiredTitle, WebUtility.HtmlDecode(await staff.GetStringAsync("/my/tasks")));
    }

    internal static async Task<string> PostAsync(HttpClient client, string path, string?[] answers, string? date = null)
    {
        var token = await SignIn.AntiforgeryTokenAsync(client, path);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "confirm-training",
            ["Form.CompletedOn"] = date ?? DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd"),
        };
        for (var i = 0; i < answers.Length; i++)
            if (answers[i] is { } a) fields[$"answer-{i + 1}"] = a;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
