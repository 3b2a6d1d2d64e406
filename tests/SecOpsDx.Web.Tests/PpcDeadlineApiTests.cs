using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Reminders;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>A town that closes 2026-04-30 by its own ordinance: its reminders skip the day, the PPC's deadlines do not.</summary>
public sealed class TownClosedOnApril30AppFactory() : AppFactory(new() { ["SecOpsDx:Reminders:ExtraClosedDays:0"] = "2026-04-30" });

/// <summary>The API's <c>regulatory</c> object gives the dates and the 本人通知 the ticket, the CISO's list and the reminders use.</summary>
public sealed class PpcDeadlineApiTests(TownClosedOnApril30AppFactory factory) : IClassFixture<TownClosedOnApril30AppFactory>
{
    private async Task<HttpClient> ClientAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test-admin");
        var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync("ppc-" + Guid.NewGuid().ToString("N")[..6], [ApiScopes.IncidentsWrite, ApiScopes.IncidentsRead]);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private static DateOnly JapanDate(JsonElement e) => JapanTime.DateOf(e.GetDateTimeOffset());

    [Fact]
    public async Task A_leak_of_150_people_aware_on_April_1_is_due_April_30_even_where_the_town_is_closed_that_day()
    {
        var client = await ClientAsync();
        var created = await client.PostAsync("/api/v1/incidents", new StringContent("""
            {"title":"住民情報の誤送信","category":"missend","source":"internal","reportedAt":"2026-04-01T10:00:00+09:00",
             "personalDataInvolved":true,"personalRecordCount":150}
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var ticket = await client.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        var regulatory = ticket.GetProperty("regulatory");
        Assert.True(regulatory.GetProperty("mustReportToPpc").GetBoolean());
        Assert.Equal(["personalInformationProtectionAct"], regulatory.GetProperty("laws").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["overPeopleThreshold"], regulatory.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(new DateOnly(2026, 4, 3), JapanDate(regulatory.GetProperty("preliminaryDueAt")));
        Assert.Equal(new DateOnly(2026, 4, 5), JapanDate(regulatory.GetProperty("preliminaryLatestAt")));
        Assert.Equal(new DateOnly(2026, 4, 30), JapanDate(regulatory.GetProperty("finalDueAt")));
        var notice = regulatory.GetProperty("noticeToIndividuals");
        Assert.Equal("pending", notice.GetProperty("state").GetString());
        Assert.False(notice.TryGetProperty("notifiedAt", out var notifiedAt) && notifiedAt.ValueKind != JsonValueKind.Null);

        // The town's own calendar is closed that day (its reminders and internal dates skip it) ...
        var settings = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReminderSettings>>().Value;
        Assert.False(settings.Calendar().IsOpen(new DateOnly(2026, 4, 30)));
        // ... but the CISO's list and the reminders read the same stored deadline as the API.
        var id = ticket.GetProperty("id").GetInt32();
        await using var scope = factory.Services.CreateAsyncScope();
        var dashboard = await scope.ServiceProvider.GetRequiredService<IncidentQueries>().DashboardAsync();
        var final = Assert.Single(dashboard.PpcPending, d => d.IncidentId == id && d.Channel == IncidentTaxonomy.PpcFinal);
        Assert.Equal(regulatory.GetProperty("finalDueAt").GetDateTimeOffset(), final.DueAt);
        Assert.Contains(dashboard.NoticesPending, n => n.IncidentId == id);
        var notices = await scope.ServiceProvider.GetRequiredService<ReminderQueries>().PpcDeadlinesAsync();
        Assert.All(notices.Where(n => n.IncidentId == id), n => Assert.Equal(
            n.Channel == IncidentTaxonomy.PpcFinal ? final.DueAt : regulatory.GetProperty("preliminaryDueAt").GetDateTimeOffset(), n.DueAt));
        Assert.Contains(notices, n => n.IncidentId == id);
    }
}
