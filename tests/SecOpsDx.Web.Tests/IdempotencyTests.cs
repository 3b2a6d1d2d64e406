using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>A client that retries a report after a lost answer gets the first ticket back, not a second one.</summary>
public sealed class IdempotencyTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> ClientAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test-admin");
        var token = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync("retry-" + Guid.NewGuid().ToString("N")[..6], [ApiScopes.IncidentsWrite])).Token;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static HttpRequestMessage Post(string title, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents")
        {
            Content = new StringContent($$"""{"title":"{{title}}","category":"malware","source":"system"}""", Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<int> CountAsync(string title)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Incidents.CountAsync(i => i.Title == title);
    }

    [Fact]
    public async Task A_retried_report_with_the_same_key_returns_the_first_ticket_and_creates_no_second()
    {
        var client = await ClientAsync();
        var title = "再送されたEDR検知 " + Guid.NewGuid().ToString("N")[..8];

        var first = await client.SendAsync(Post(title, "edr-4711"));
        var again = await client.SendAsync(Post(title, "edr-4711"));
        var other = await client.SendAsync(Post(title, "edr-4712"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("id").GetInt32(), b.GetProperty("id").GetInt32());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(2, await CountAsync(title));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_store_one_ticket()
    {
        var client = await ClientAsync();
        var title = "同時再送 " + Guid.NewGuid().ToString("N")[..8];

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(Post(title, "burst-1"))));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(1, await CountAsync(title));
    }

    [Fact]
    public async Task The_same_key_from_another_client_is_another_report()
    {
        var title = "別システム " + Guid.NewGuid().ToString("N")[..8];

        await (await ClientAsync()).SendAsync(Post(title, "shared-key"));
        await (await ClientAsync()).SendAsync(Post(title, "shared-key"));

        Assert.Equal(2, await CountAsync(title));
    }

    [Fact]
    public async Task A_key_that_is_too_long_or_not_ASCII_is_refused_naming_the_header()
    {
        var client = await ClientAsync();

        var response = await client.SendAsync(Post("鍵が長すぎる", new string('k', 101)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync());
    }
}
