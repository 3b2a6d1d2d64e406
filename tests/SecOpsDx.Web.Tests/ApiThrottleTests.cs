using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Guessing API tokens: a client that keeps sending bad ones is refused for a while, others go on working.</summary>
public sealed class ApiThrottleTests(ThrottledAppFactory factory) : IClassFixture<ThrottledAppFactory>
{
    private async Task<string> TokenAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test-admin");
        return (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("monitor-" + Guid.NewGuid().ToString("N")[..6], [ApiScopes.IncidentsRead])).Token;
    }

    private HttpClient Client(string address, string token)
    {
        var client = factory.ClientAt(address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task After_the_allowed_failures_a_client_gets_429_with_Retry_After_even_with_a_valid_token_while_others_are_served()
    {
        var valid = await TokenAsync();
        var guesser = Client("203.0.113.7", "sdx_guess");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/incidents")).StatusCode);
        var refused = await guesser.GetAsync("/api/v1/incidents");
        var refusedWithValidToken = await Client("203.0.113.7", valid).GetAsync("/api/v1/incidents");
        var other = await Client("198.51.100.20", valid).GetAsync("/api/v1/incidents");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedWithValidToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_burst_of_failed_tokens_is_logged_once_at_Warning_with_the_client_and_the_count()
    {
        var guesser = Client("203.0.113.99", "sdx_guess");

        for (var i = 0; i < 8; i++) await guesser.GetAsync("/api/v1/incidents");

        var warnings = factory.Log.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("203.0.113.99")).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("3 failed tokens", warning.Message);
    }
}
