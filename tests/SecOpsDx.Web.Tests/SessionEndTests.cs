using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>A session ends on the server when it should, not when the browser forgets its cookie.</summary>
public sealed class SessionEndTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<T> AsAdminAsync<T>(Func<AccountAdministration, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync("admin@example.jp");
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(admin!.Id, admin.Email!);
        return await work(scope.ServiceProvider.GetRequiredService<AccountAdministration>());
    }

    private Task AsAdminAsync(Func<AccountAdministration, Task> work) =>
        AsAdminAsync(async a => { await work(a); return true; });

    /// <summary>A new CSIRT member, signed in; returns their account, password and the cookie their browser holds.</summary>
    private async Task<(string Id, string Cookie, string Email, string Password)> SignedInCsirtMemberAsync(string number)
    {
        var email = $"session.{number.ToLowerInvariant()}@example.jp";
        int staffId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<OrganizationCommands>();
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            var dept = await db.Departments.FirstAsync(d => d.Code == "2010");
            staffId = await commands.SaveStaffAsync(null, 0, new StaffInput(number, "当番 職員", null, dept.Id, "主事", email, null, null));
        }
        var issued = await AsAdminAsync(a => a.CreateForStaffAsync(staffId, [Roles.Csirt]));
        var id = (await AsAdminAsync(a => a.ListAsync(email))).Single().Id;

        var response = await SignIn.PostLoginAsync(factory.CreateBrowserLikeClient(), email, issued.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("SecOpsDx.Auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]));
        Assert.NotEmpty(cookie);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/incidents", cookie)).StatusCode);
        return (id, cookie, email, issued.Password);
    }

    /// <summary>A request carrying only the given cookie, as a copy taken from the browser would.</summary>
    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private async Task AssertSentToSignInAsync(string cookie)
    {
        var response = await GetWithCookieAsync("/incidents", cookie);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_opens_the_incidents()
    {
        var (_, copied, _, _) = await SignedInCsirtMemberAsync("S0001");
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", copied);
        var homeResponse = await browser.SendAsync(home);
        var html = await homeResponse.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "no sign-out form on the home page");
        var antiforgeryCookies = homeResponse.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Select(c => c.Split(';')[0]);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["returnUrl"] = "/",
            }),
        };
        logout.Headers.Add("Cookie", string.Join("; ", antiforgeryCookies.Append(copied)));
        var signedOut = await browser.SendAsync(logout);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await AssertSentToSignInAsync(copied);
    }

    [Fact]
    public async Task Removing_the_CSIRT_role_ends_the_members_session_at_their_next_request()
    {
        var (id, cookie, _, _) = await SignedInCsirtMemberAsync("S0002");

        await AsAdminAsync(a => a.SetRolesAsync(id, [Roles.Staff]));

        await AssertSentToSignInAsync(cookie);
    }

    [Fact]
    public async Task Locking_the_account_ends_the_members_session_at_their_next_request()
    {
        var (id, cookie, _, _) = await SignedInCsirtMemberAsync("S0003");

        await AsAdminAsync(a => a.LockAsync(id));

        await AssertSentToSignInAsync(cookie);
    }

    [Fact]
    public async Task Resetting_the_password_ends_the_members_session_at_their_next_request()
    {
        var (id, cookie, _, _) = await SignedInCsirtMemberAsync("S0004");

        await AsAdminAsync(a => a.ResetPasswordAsync(id));

        await AssertSentToSignInAsync(cookie);
    }

    /// <summary>The same person signs in a second time, in another browser (a client that keeps its own cookies).</summary>
    private async Task<HttpClient> SecondBrowserAsync(string email, string password)
    {
        var second = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(second, email, password)).StatusCode);
        return second;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string tokenPage, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await SignIn.AntiforgeryTokenAsync(client, tokenPage);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Signing_out_in_one_browser_ends_that_session_alone()
    {
        var (_, first, email, password) = await SignedInCsirtMemberAsync("S0005");
        var second = await SecondBrowserAsync(email, password);

        var signedOut = await PostFormAsync(second, "/", "/Account/Logout", new() { ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/Account/Login", (await second.GetAsync("/incidents")).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/incidents", first)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_persons_sessions_in_every_browser()
    {
        var (_, first, email, password) = await SignedInCsirtMemberAsync("S0006");
        var second = await SecondBrowserAsync(email, password);

        var signedOut = await PostFormAsync(second, "/Account/Manage", "/Account/LogoutEverywhere", []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await AssertSentToSignInAsync(first);
        Assert.Contains("/Account/Login", (await second.GetAsync("/incidents")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_profile_lists_the_open_sessions_and_ending_one_signs_that_browser_out()
    {
        var (id, first, email, password) = await SignedInCsirtMemberAsync("S0007");
        var second = await SecondBrowserAsync(email, password);

        var profile = await (await second.GetAsync("/Account/Manage")).Content.ReadAsStringAsync();
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(profile, "data-testid=\"session-row\"").Count);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(profile, "data-testid=\"this-session\""));

        string firstSession;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var open = await scope.ServiceProvider.GetRequiredService<SignInSessions>().ListOpenAsync(id);
            Assert.Equal(2, open.Count);
            // The older of the two is the first browser's.
            firstSession = open.OrderBy(s => s.StartedAt).First().Id;
        }
        var ended = await PostFormAsync(second, "/Account/Manage", "/Account/EndSession", new() { ["sessionId"] = firstSession });

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        await AssertSentToSignInAsync(first);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/incidents")).StatusCode);
    }

    [Fact]
    public async Task Nobody_can_end_a_session_of_another_account()
    {
        var (_, victim, _, _) = await SignedInCsirtMemberAsync("S0008");
        var (otherId, _, otherEmail, otherPassword) = await SignedInCsirtMemberAsync("S0009");
        string victimSession;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            victimSession = await db.SignInSessions.Where(s => s.UserId != otherId && s.User!.Email == "session.s0008@example.jp")
                .Select(s => s.Id).SingleAsync();
        }
        var attacker = await SecondBrowserAsync(otherEmail, otherPassword);

        await PostFormAsync(attacker, "/Account/Manage", "/Account/EndSession", new() { ["sessionId"] = victimSession });

        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/incidents", victim)).StatusCode);
    }
}
