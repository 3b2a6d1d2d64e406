using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Drill reports recorded by hand through the plain form: who may, for whom, and how the CISO's figures follow.</summary>
public sealed class DrillReportPagesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Path = "/training/drill-reports";

    private async Task<(int DrillId, int Own, int Other)> RecipientsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SecOpsDxDbContext>>().CreateDbContextAsync();
        var drill = await db.Drills.OrderByDescending(d => d.HeldOn).ThenByDescending(d => d.Id).Select(d => d.Id).FirstAsync();
        var citizens = await db.Departments.Where(d => d.Code == "2010").Select(d => d.Id).SingleAsync();
        var unreported = db.DrillResults.Where(r => r.DrillId == drill && r.StaffMemberId != null && !r.Reported
                                                    && !db.DrillManualReports.Any(m => m.DrillResultId == r.Id));
        var own = await unreported.Where(r => r.DepartmentId == citizens).OrderByDescending(r => r.Id).Select(r => r.StaffMemberId!.Value).FirstAsync();
        var other = await unreported.Where(r => r.DepartmentId != citizens && r.DepartmentId != null).Select(r => r.StaffMemberId!.Value).FirstAsync();
        return (drill, own, other);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int staffId, string? token)
    {
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "drill-hand-report", ["Form.StaffId"] = staffId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.ReceivedOn"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd"), ["Form.Note"] = "電話で報告",
        };
        if (token is not null) fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(Path, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [InlineData("staff@example.jp")]
    [InlineData("csirt@example.jp")]
    public async Task Staff_and_the_CSIRT_cannot_open_the_page(string email)
    {
        var response = await (await SignIn.AsAsync(factory, email)).GetAsync(Path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_manager_records_for_their_department_only_with_the_form_token_and_the_CISO_summary_counts_it()
    {
        var (_, own, other) = await RecipientsAsync();
        var client = await SignIn.AsAsync(factory, "manager@example.jp");
        var ciso = await ApiClientAsync();
        var before = await LastDrillAsync(ciso);

        // Another department asked for in the address: the page stays on the manager's own.
        var html = await client.GetStringAsync(Path + "?department=1");
        Assert.Contains("所属: 市民課", html);
        Assert.DoesNotContain("data-testid=\"hand-department\"", html);

        // Without the antiforgery token the post is refused before anything is written.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, own, null)).StatusCode);

        var token = await SignIn.AntiforgeryTokenAsync(client, Path);
        var refused = await PostAsync(client, other, token);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("所属外の職員の記録はできません。", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        var done = WebUtility.HtmlDecode(await (await PostAsync(client, own, token)).Content.ReadAsStringAsync());
        Assert.Contains("の報告を記録しました。", done);
        Assert.Contains("電話で報告", done);

        var after = await LastDrillAsync(ciso);
        Assert.Equal(before.GetProperty("reported").GetInt32() + 1, after.GetProperty("reported").GetInt32());
        Assert.Equal(before.GetProperty("reportedByHand").GetInt32() + 1, after.GetProperty("reportedByHand").GetInt32());
        Assert.True(after.GetProperty("mailArrivesAsText").GetBoolean());
        Assert.False(after.TryGetProperty("openRate", out _));
    }

    private async Task<HttpClient> ApiClientAsync()
    {
        var client = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test-admin");
        var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("drill-" + Guid.NewGuid().ToString("N")[..6], [ApiScopes.ComplianceRead]);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private static async Task<JsonElement> LastDrillAsync(HttpClient api)
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/compliance/summary"));
        return json.RootElement.GetProperty("training").GetProperty("lastDrill").Clone();
    }
}
