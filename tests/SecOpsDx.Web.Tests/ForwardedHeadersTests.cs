using System.Net;
using System.Net.Http.Headers;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The throttled app as deployed, behind one listed proxy at 10.20.30.40.</summary>
public sealed class ProxiedProductionAppFactory() : ThrottledAppFactory(new() { ["SecOpsDx:TrustedProxies:0"] = ProxyAddress })
{
    public const string ProxyAddress = "10.20.30.40";

    protected override string EnvironmentName => "Production";
}

/// <summary>
/// X-Forwarded-For names the client only when a listed proxy sent it: a local process cannot claim a new address
/// at every request and so slip past the failure limits.
/// </summary>
public sealed class ForwardedHeadersTests(ProxiedProductionAppFactory factory) : IClassFixture<ProxiedProductionAppFactory>
{
    private static int _next;

    private static string NextForwarded() => $"192.0.2.{Interlocked.Increment(ref _next)}";

    private async Task<HttpStatusCode> BadTokenAsync(string from, string? forwardedFor)
    {
        var client = factory.ClientAt(from);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sdx_guess");
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return (await client.GetAsync("/api/v1/incidents")).StatusCode;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("203.0.113.50")]
    public async Task A_client_that_is_not_a_listed_proxy_cannot_name_another_address_to_escape_the_limit(string from)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) answers.Add(await BadTokenAsync(from, NextForwarded()));

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }

    [Fact]
    public async Task Behind_the_listed_proxy_each_forwarded_client_has_its_own_allowance()
    {
        var guesser = NextForwarded();
        for (var i = 0; i < 3; i++) await BadTokenAsync(ProxiedProductionAppFactory.ProxyAddress, guesser);

        var guesserAgain = await BadTokenAsync(ProxiedProductionAppFactory.ProxyAddress, guesser);
        var someoneElse = await BadTokenAsync(ProxiedProductionAppFactory.ProxyAddress, NextForwarded());

        Assert.Equal(HttpStatusCode.TooManyRequests, guesserAgain);
        Assert.Equal(HttpStatusCode.Unauthorized, someoneElse);
    }

    [Theory]
    [InlineData("10.0.0.5", false, "10.0.0.5/32")]
    [InlineData("10.1.0.0/16", false, "10.1.0.0/16")]
    [InlineData("", true, "127.0.0.1/32,::1/128")]
    [InlineData("", false, "")]
    public void Trusted_proxies_are_the_listed_ones_and_loopback_only_in_development(string setting, bool development, string expected)
    {
        var trusted = SecOpsDx.Web.Hosting.Protection.TrustedProxies(setting.Length == 0 ? [] : [setting], development);

        Assert.Equal(expected, string.Join(",", trusted.Select(n => n.ToString())));
    }

    [Fact]
    public void A_setting_that_is_not_an_address_stops_the_start()
    {
        Assert.Throws<InvalidOperationException>(() => SecOpsDx.Web.Hosting.Protection.TrustedProxies(["proxy.example.jp"], false));
    }
}

/// <summary>HSTS on every answer that came over HTTPS, a year long and for subdomains, whatever Host the proxy passes.</summary>
public sealed class HstsTests(ProductionAppFactory factory) : IClassFixture<ProductionAppFactory>
{
    [Theory]
    [InlineData("https://127.0.0.1/")]
    [InlineData("https://localhost/")]
    [InlineData("https://secopsdx.city.example.jp/")]
    public async Task An_answer_over_https_carries_a_long_HSTS_for_subdomains(string baseAddress)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/Login");

        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        var maxAge = long.Parse(hsts.Split(';')[0].Trim()["max-age=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(maxAge >= 15768000, hsts);
        Assert.Contains("includeSubDomains", hsts);
    }

    [Fact]
    public async Task An_answer_over_plain_http_carries_none()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://127.0.0.1/"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/Login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
