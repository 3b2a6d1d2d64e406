using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Foreign return addresses and mistyped dates never fail a request: they fall back or are refused with a reason.</summary>
public sealed class OddInputTests(AppFactory factory) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Foreign() =>
        ["http://evil.example/", "//evil.example/", "/\\evil.example/", "/\tevil", "/\nevil.example", "https:evil.example", "javascript:alert(1)"];

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Signing_in_with_a_foreign_return_address_lands_on_the_home_page(string returnUrl)
    {
        var client = factory.CreateBrowserLikeClient();
        var path = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = await SignIn.AntiforgeryTokenAsync(client, path);

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login",
            ["Input.Email"] = "staff@example.jp", ["Input.Password"] = AppFactory.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertHome(response.Headers.Location!);
    }

    /// <summary>This site's home page, whether the answer names it as a path or with this site's own host.</summary>
    private static void AssertHome(Uri location)
    {
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost/"), location);
        Assert.Equal(("localhost", "/"), (absolute.Host, absolute.AbsolutePath));
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Switching_language_with_a_foreign_return_address_lands_on_the_home_page(string returnUrl)
    {
        var client = factory.CreateBrowserLikeClient();
        var token = await SignIn.AntiforgeryTokenAsync(client, "/Account/Login");

        var response = await client.PostAsync("/Account/Culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["culture"] = "en-US", ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertHome(response.Headers.Location!);
    }

    [Theory]
    [InlineData("/incidents?mine=true", "/incidents?mine=true")]
    [InlineData("incidents", "/incidents")]
    public void A_path_of_this_site_is_kept(string url, string expected) => Assert.Equal(expected, ReturnUrls.Local(url));

    [Theory]
    [InlineData("1026-11-25T09:00:00+09:00")]
    [InlineData("0001-01-01T00:00:00+00:00")]
    public async Task The_API_refuses_a_mistyped_year_naming_the_field_and_stores_nothing(string reportedAt)
    {
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test-admin");
            token = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("odd-" + Guid.NewGuid().ToString("N")[..6], [ApiScopes.IncidentsWrite])).Token;
        }
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var title = "年の入力誤り " + Guid.NewGuid().ToString("N")[..8];

        var response = await client.PostAsync("/api/v1/incidents", new StringContent(
            $$"""{"title":"{{title}}","category":"other","source":"system","reportedAt":"{{reportedAt}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("reportedAt", body);
        Assert.Contains("2000", body);
    }
}
