using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The contract of /api/v1/incidents as another system sees it.</summary>
public sealed class IncidentsApiTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<string> TokenAsync(params string[] scopes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test-admin");
        var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("monitor-" + Guid.NewGuid().ToString("N")[..6], scopes);
        return issued.Token;
    }

    private HttpClient Client(string? token)
    {
        var client = factory.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private const string Valid = """
        {"title":"EDRがマルウェアを検知","description":"端末 PC-123 で検知","category":"MALWARE","source":"system","severity":"high",
         "reportedAt":"2026-11-25T09:30:00+09:00","reporter":{"name":"監視センター","email":"soc@example.jp","organization":"SOC"},
         "personalDataInvolved":false,"segment":"lgwan"}
        """;

    [Fact]
    public async Task Creating_an_incident_answers_201_with_its_number_and_location_and_it_reads_back()
    {
        var client = Client(await TokenAsync(ApiScopes.IncidentsWrite, ApiScopes.IncidentsRead));

        var response = await client.PostAsync("/api/v1/incidents", Json(Valid));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt32();
        Assert.Matches(@"^\d{4}-\d{4}$", body.GetProperty("number").GetString());
        Assert.Equal($"/api/v1/incidents/{id}", response.Headers.Location!.ToString());

        var read = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal("received", read.GetProperty("status").GetString());
        Assert.Equal("malware", read.GetProperty("category").GetString());
        Assert.Equal("lgwan", read.GetProperty("segment").GetString());
        Assert.Equal("api", read.GetProperty("channel").GetString());
        Assert.Equal("SOC", read.GetProperty("reporter").GetProperty("organization").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 30, 0, TimeSpan.Zero), read.GetProperty("reportedAt").GetDateTimeOffset());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/incidents?limit=1");
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Bad_input_answers_400_naming_each_bad_field()
    {
        var client = Client(await TokenAsync(ApiScopes.IncidentsWrite));

        var response = await client.PostAsync("/api/v1/incidents", Json("""
            {"title":"","category":"nope","source":"satellite","severity":"extreme","reportedAt":"yesterday",
             "personalRecordCount":-1,"segment":"dmz","reporter":{"email":"not-mail"}}
            """));

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "title", "category", "source", "severity", "reportedAt", "personalRecordCount", "segment", "reporter.email" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
    }

    [Theory]
    [InlineData("{\"title\": 5, \"category\": \"malware\", \"source\": \"system\"}", "title")]
    [InlineData("{\"title\": \"x\", \"personalRecordCount\": 99999999999999, \"category\": \"malware\", \"source\": \"system\"}", "personalRecordCount")]
    [InlineData("{\"title\": \"x\"", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("[]", "body")]
    [InlineData("null", "body")]
    [InlineData("", "body")]
    public async Task Malformed_JSON_answers_400_never_500(string json, string field)
    {
        var client = Client(await TokenAsync(ApiScopes.IncidentsWrite));

        var response = await client.PostAsync("/api/v1/incidents", Json(json));

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task No_token_answers_401()
    {
        await ProblemAsync(await Client(null).PostAsync("/api/v1/incidents", Json(Valid)), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("sdx_aaaaaaaa_wrongsecret")]
    [InlineData("garbage")]
    [InlineData("sdx_x_y_z")]
    public async Task A_wrong_token_answers_401(string token)
    {
        await ProblemAsync(await Client(token).PostAsync("/api/v1/incidents", Json(Valid)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_token_answers_401()
    {
        var token = await TokenAsync(ApiScopes.IncidentsWrite);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
            var row = (await tokens.ListAsync()).Single(t => token.StartsWith($"sdx_{t.Prefix}_", StringComparison.Ordinal));
            await tokens.RevokeAsync(row.Id);
        }

        await ProblemAsync(await Client(token).PostAsync("/api/v1/incidents", Json(Valid)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_the_scope_answers_403()
    {
        var readOnly = Client(await TokenAsync(ApiScopes.IncidentsRead));
        var writeOnly = Client(await TokenAsync(ApiScopes.IncidentsWrite));

        await ProblemAsync(await readOnly.PostAsync("/api/v1/incidents", Json(Valid)), HttpStatusCode.Forbidden);
        await ProblemAsync(await writeOnly.GetAsync("/api/v1/incidents"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signed_in_browser_session_is_not_an_API_credential()
    {
        var browser = await SignIn.AsAsync(factory, "csirt@example.jp");

        var response = await browser.GetAsync("/api/v1/incidents");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413()
    {
        var client = Client(await TokenAsync(ApiScopes.IncidentsWrite));
        var huge = "{\"title\":\"" + new string('a', 70_000) + "\",\"category\":\"malware\",\"source\":\"system\"}";

        await ProblemAsync(await client.PostAsync("/api/v1/incidents", Json(huge)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_answers_415()
    {
        var client = Client(await TokenAsync(ApiScopes.IncidentsWrite));

        var response = await client.PostAsync("/api/v1/incidents", new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/v1/incidents/999999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/incidents/abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/incidents?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/incidents?limit=lots", HttpStatusCode.BadRequest)]
    public async Task Reads_of_missing_or_malformed_ids_and_limits_are_4xx(string path, HttpStatusCode status)
    {
        var client = Client(await TokenAsync(ApiScopes.IncidentsRead));

        await ProblemAsync(await client.GetAsync(path), status);
    }
}
