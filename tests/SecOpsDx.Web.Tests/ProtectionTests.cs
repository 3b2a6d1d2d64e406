using Microsoft.AspNetCore.Hosting;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The same app as deployed (outside Development).</summary>
public sealed class ProductionAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>Protective headers on every answer, and cookies that never travel unencrypted in production.</summary>
public sealed class ProtectionTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    [InlineData("/api/v1/incidents")]
    public async Task Every_answer_carries_the_protective_headers(string path)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Fact]
    public async Task The_sign_in_page_has_no_inline_script()
    {
        var html = await factory.CreateBrowserLikeClient().GetStringAsync("/Account/Login");

        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
    }
}

public sealed class ProductionCookieTests(ProductionAppFactory factory) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public async Task Outside_development_every_cookie_is_marked_secure()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/Account/Login");

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
