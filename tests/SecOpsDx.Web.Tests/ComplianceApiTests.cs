using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The contract of GET /api/v1/compliance/summary as another system sees it.</summary>
public sealed class ComplianceApiTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync(params string[] scopes)
    {
        var client = factory.CreateClient();
        if (scopes.Length == 0) return client;
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test-admin");
        var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("dash-" + Guid.NewGuid().ToString("N")[..6], scopes);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private static int CurrentYear => FiscalYear.Current(TimeProvider.System).StartYear;

    [Fact]
    public async Task Without_a_token_or_with_a_wrong_one_the_answer_is_401()
    {
        var anonymous = await ClientAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/compliance/summary")).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sodx_notavalidtoken_0000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/compliance/summary")).StatusCode);
    }

    [Fact]
    public async Task A_token_without_the_compliance_scope_gets_403()
    {
        var client = await ClientAsync(ApiScopes.IncidentsRead, ApiScopes.IncidentsWrite);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/compliance/summary?fiscalYear={CurrentYear}")).StatusCode);
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("20x5")]
    [InlineData("1999")]
    [InlineData("3000")]
    [InlineData("")]
    [InlineData("２０２５")]
    [InlineData("2025&fiscalYear=2024")]
    [InlineData("%2B2025")]
    public async Task A_bad_year_gets_400_naming_the_field_and_the_years_allowed(string year)
    {
        var client = await ClientAsync(ApiScopes.ComplianceRead);

        var response = await client.GetAsync($"/api/v1/compliance/summary?fiscalYear={year}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("fiscalYear")[0].GetString();
        Assert.Contains("2000", message);
        Assert.Contains(CurrentYear.ToString(), message);
        Assert.Contains("fiscalYear", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_summary_carries_the_dashboards_figures_with_one_entry_per_segment()
    {
        var client = await ClientAsync(ApiScopes.ComplianceRead);

        var response = await client.GetAsync($"/api/v1/compliance/summary?fiscalYear={CurrentYear}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(CurrentYear, body.GetProperty("fiscalYear").GetInt32());
        Assert.True(body.GetProperty("staffCount").GetInt32() > 0);
        var training = body.GetProperty("training");
        var rate = training.GetProperty("completionRate").GetDouble();
        Assert.InRange(rate, 0, 1);
        var departments = training.GetProperty("byDepartment").EnumerateArray().ToList();
        Assert.NotEmpty(departments);
        Assert.Equal(training.GetProperty("assigned").GetInt32(), departments.Sum(d => d.GetProperty("assigned").GetInt32()));
        Assert.Equal(training.GetProperty("completed").GetInt32() / (double)training.GetProperty("assigned").GetInt32(), rate, 6);
        Assert.True(body.GetProperty("policies").GetProperty("overdueReviews").GetInt32() >= 0);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var segments = scope.ServiceProvider.GetRequiredService<ControlCatalogue>().Segments.Select(s => s.Code).ToArray();
            Assert.Equal(segments, body.GetProperty("controls").GetProperty("bySegment").EnumerateArray().Select(s => s.GetProperty("segment").GetString()).ToArray());
            // The organs without a published policy: the dashboard's figure (the demo leaves two behind; none counted before 2026-04-01).
            var organs = await scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Policies.OrganPublicationQueries>().OverviewAsync();
            var unpublished = body.GetProperty("policies").GetProperty("unpublishedOrgans");
            if (organs.DutyApplies)
            {
                Assert.Equal(SecOpsDx.Core.Demo.DemoPolicies.OrgansUnpublished, organs.Unpublished);
                Assert.Equal(organs.Unpublished, unpublished.GetInt32());
            }
            else Assert.Equal(JsonValueKind.Null, unpublished.ValueKind);
        }
        var incidents = body.GetProperty("incidents");
        Assert.Equal(incidents.GetProperty("open").GetInt32(), incidents.GetProperty("bySeverity").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "good", "attention", "action" });
    }

    [Fact]
    public async Task Without_a_year_the_current_one_is_answered_and_a_past_year_is_judged_on_its_last_day()
    {
        var client = await ClientAsync(ApiScopes.ComplianceRead);

        var now = await client.GetFromJsonAsync<JsonElement>("/api/v1/compliance/summary");
        var past = await client.GetFromJsonAsync<JsonElement>($"/api/v1/compliance/summary?fiscalYear={CurrentYear - 1}");

        Assert.Equal(CurrentYear, now.GetProperty("fiscalYear").GetInt32());
        Assert.Equal($"{CurrentYear}-03-31", past.GetProperty("asOf").GetString());
    }
}
