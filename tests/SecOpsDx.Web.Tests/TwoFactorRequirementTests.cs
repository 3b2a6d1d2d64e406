using System.Net;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

public sealed class TwoFactorRequirementTests(TwoFactorRequiredAppFactory factory) : IClassFixture<TwoFactorRequiredAppFactory>
{
    [Theory]
    [InlineData("admin@example.jp", "/organization/staff")]
    [InlineData("ciso@example.jp", "/audit")]
    [InlineData("csirt@example.jp", "/")]
    public async Task A_privileged_role_without_two_factor_is_held_back(string email, string path)
    {
        var client = await SignIn.AsAsync(factory, email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_privileged_role_can_still_reach_two_factor_setup()
    {
        var client = await SignIn.AsAsync(factory, "admin@example.jp");

        var response = await client.GetAsync("/Account/Manage/EnableAuthenticator");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("staff@example.jp")]
    [InlineData("manager@example.jp")]
    public async Task Other_roles_are_not_affected(string email)
    {
        var client = await SignIn.AsAsync(factory, email);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
