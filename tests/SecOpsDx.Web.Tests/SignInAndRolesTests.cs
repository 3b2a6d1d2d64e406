using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

public sealed class SignInAndRolesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("admin@example.jp", "管理者")]
    [InlineData("ciso@example.jp", "最高情報セキュリティ責任者")]
    [InlineData("csirt@example.jp", "CSIRT要員")]
    [InlineData("manager@example.jp", "情報セキュリティ管理者")]
    [InlineData("staff@example.jp", "職員")]
    public async Task Each_demo_account_signs_in_and_sees_its_role_on_the_home_page(string email, string roleLabel)
    {
        var client = await SignIn.AsAsync(factory, email);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(roleLabel, html);
        Assert.Contains("data-testid=\"my-roles\"", html);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Japanese_message()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await SignIn.PostLoginAsync(client, "staff@example.jp", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("メールアドレスまたはパスワードが正しくありません", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        const string email = "lockout-target@example.jp";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var created = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email }, AppFactory.DemoPassword);
            Assert.True(created.Succeeded);
        }
        var client = factory.CreateBrowserLikeClient();

        for (var i = 0; i < 5; i++) await SignIn.PostLoginAsync(client, email, "Wrong-Password-123");
        var response = await SignIn.PostLoginAsync(client, email, AppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Lockout", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/organization/staff")]
    [InlineData("/audit")]
    [InlineData("/Account/Manage")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("staff@example.jp", "/audit")]
    [InlineData("manager@example.jp", "/audit")]
    [InlineData("csirt@example.jp", "/audit")]
    [InlineData("staff@example.jp", "/organization/staff")]
    [InlineData("csirt@example.jp", "/organization/departments")]
    [InlineData("ciso@example.jp", "/organization/staff")]
    [InlineData("manager@example.jp", "/organization/roster-import")]
    [InlineData("ciso@example.jp", "/accounts")]
    [InlineData("staff@example.jp", "/incidents")]
    [InlineData("manager@example.jp", "/incidents/dashboard")]
    [InlineData("admin@example.jp", "/incidents")]
    [InlineData("staff@example.jp", "/incidents/1/evidence/1")]
    [InlineData("ciso@example.jp", "/incidents/new")]
    [InlineData("csirt@example.jp", "/api-tokens")]
    public async Task A_role_without_permission_is_denied_the_page(string email, string path)
    {
        var client = await SignIn.AsAsync(factory, email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("admin@example.jp", "/audit")]
    [InlineData("ciso@example.jp", "/audit")]
    [InlineData("admin@example.jp", "/organization/staff")]
    [InlineData("admin@example.jp", "/organization/departments")]
    [InlineData("staff@example.jp", "/Account/Manage")]
    [InlineData("admin@example.jp", "/accounts")]
    [InlineData("csirt@example.jp", "/incidents")]
    [InlineData("csirt@example.jp", "/incidents/new")]
    [InlineData("ciso@example.jp", "/incidents/dashboard")]
    [InlineData("staff@example.jp", "/incidents/report")]
    [InlineData("staff@example.jp", "/incidents/mine")]
    [InlineData("admin@example.jp", "/api-tokens")]
    [InlineData("admin@example.jp", "/organization/roster-import")]
    public async Task A_permitted_role_gets_the_page(string email, string path)
    {
        var client = await SignIn.AsAsync(factory, email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Changing_language_is_kept_for_the_user_and_audited_under_their_name()
    {
        var client = await SignIn.AsAsync(factory, "manager@example.jp");
        var token = await SignIn.AntiforgeryTokenAsync(client, "/");

        var response = await client.PostAsync("/Account/Culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["culture"] = "en-US", ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Your roles", await client.GetStringAsync("/"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
        var entry = await db.AuditEntries.Where(e => e.EntityType == nameof(ApplicationUser) && e.Changes.Contains("PreferredCulture"))
            .OrderByDescending(e => e.Sequence).FirstAsync();
        Assert.Equal("manager@example.jp", entry.ActorName);
        Assert.Contains("en-US", entry.Changes);
    }

    [Fact]
    public async Task A_culture_post_without_antiforgery_token_is_rejected()
    {
        var client = await SignIn.AsAsync(factory, "staff@example.jp");

        var response = await client.PostAsync("/Account/Culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en-US", ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_health_endpoint_answers_healthy_when_the_database_is_reachable()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_page_is_Japanese_by_default_and_offers_English()
    {
        var html = await factory.CreateClient().GetStringAsync("/Account/Login");

        Assert.Contains("<html lang=\"ja\"", html);
        Assert.Contains("SecOpsDx にログイン", html);
        Assert.Contains("data-testid=\"switch-en\"", html);
    }
}
