using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// The sign-in page does not tell a stranger which addresses have accounts, and one client typing wrong
/// passwords cannot keep someone else's account locked.
/// </summary>
public sealed partial class SignInEnumerationTests(ThrottledAppFactory factory) : IClassFixture<ThrottledAppFactory>
{
    [GeneratedRegex("data-testid=\"login-error\"[^>]*>([^<]*)<")]
    private static partial Regex LoginError();

    private static int _nextAddress;

    /// <summary>A browser-like client at an address no other test uses.</summary>
    private HttpClient FreshClient() => factory.ClientAt($"192.0.2.{Interlocked.Increment(ref _nextAddress)}", browserLike: true);

    private async Task<string> NewAccountAsync()
    {
        var email = $"user-{Guid.NewGuid().ToString("N")[..10]}@example.jp";
        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>()
            .CreateAsync(new ApplicationUser { UserName = email, Email = email }, AppFactory.DemoPassword);
        Assert.True(created.Succeeded);
        return email;
    }

    private static async Task<(HttpStatusCode Status, string? Error)> AnswerAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var match = LoginError().Match(html);
        return (response.StatusCode, match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null);
    }

    private async Task<int> FailedCountAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByNameAsync(email))!);
    }

    [Fact]
    public async Task An_unknown_address_a_wrong_password_and_a_locked_account_with_a_wrong_password_get_the_same_page()
    {
        var open = await NewAccountAsync();
        var locked = await NewAccountAsync();
        // Five failures lock an account; three is the per-client allowance here, so each comes from its own client.
        for (var i = 0; i < 5; i++) await SignIn.PostLoginAsync(FreshClient(), locked, "Wrong-Password-123");

        var unknown = await AnswerAsync(await SignIn.PostLoginAsync(FreshClient(), "nobody-here@example.jp", "Wrong-Password-123"));
        var wrong = await AnswerAsync(await SignIn.PostLoginAsync(FreshClient(), open, "Wrong-Password-123"));
        var lockedWrong = await AnswerAsync(await SignIn.PostLoginAsync(FreshClient(), locked, "Wrong-Password-123"));

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.NotNull(unknown.Error);
        Assert.Contains("正しくありません", unknown.Error);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedWrong);
    }

    [Fact]
    public async Task After_the_per_client_allowance_the_client_is_refused_without_counting_towards_the_accounts_lockout()
    {
        var target = await NewAccountAsync();
        var attacker = FreshClient();

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await SignIn.PostLoginAsync(attacker, target, "Wrong-Password-123")).StatusCode);
        var refused = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) refused.Add(await SignIn.PostLoginAsync(attacker, target, "Wrong-Password-123"));
        var refusedEvenWithThePassword = await SignIn.PostLoginAsync(attacker, target, AppFactory.DemoPassword);

        Assert.All(refused.Append(refusedEvenWithThePassword), r =>
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains("/Account/Lockout", r.Headers.Location!.ToString());
            // Refused means not signed in, whatever the password: no sign-in cookie comes back.
            Assert.DoesNotContain(r.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("SecOpsDx.Auth=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        });
        Assert.Equal(3, await FailedCountAsync(target));
        var owner = await SignIn.PostLoginAsync(FreshClient(), target, AppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.DoesNotContain("/Account/", owner.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_refusal_page_does_not_speak_of_an_account()
    {
        var html = await FreshClient().GetStringAsync("/Account/Lockout");

        Assert.Contains("ログインの失敗が続いた", html);
        Assert.DoesNotContain("アカウント", html[html.IndexOf("lockout-message", StringComparison.Ordinal)..html.IndexOf("</p>", html.IndexOf("lockout-message", StringComparison.Ordinal), StringComparison.Ordinal)]);
    }

    /// <summary>Counts the password checks the sign-in makes, to see that every attempt costs the same work.</summary>
    private sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();
        public int Verifications;
        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task An_unknown_address_costs_one_password_check_like_a_wrong_password_does()
    {
        // Answering an unknown address without hashing (about 5 ms against 180 ms) told a stranger which addresses
        // exist. The work is compared, not the time, so that a busy test machine cannot make the test pass or fail.
        var hasher = new CountingHasher();
        var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher)));
        async Task<int> ChecksAsync(string email)
        {
            var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(ThrottledAppFactory.ClientHeader, $"198.51.100.{Interlocked.Increment(ref _nextAddress) % 250}");
            var token = await SignIn.AntiforgeryTokenAsync(client, "/Account/Login");
            var before = hasher.Verifications;
            await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "login",
                ["Input.Email"] = email, ["Input.Password"] = "Wrong-Password-123",
            }));
            return hasher.Verifications - before;
        }
        string email;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            email = $"user-{Guid.NewGuid().ToString("N")[..10]}@example.jp";
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>()
                .CreateAsync(new ApplicationUser { UserName = email, Email = email }, AppFactory.DemoPassword)).Succeeded);
        }

        var wrongPassword = await ChecksAsync(email);
        var unknown = await ChecksAsync($"nobody-{Guid.NewGuid():N}@example.jp");

        Assert.Equal(1, wrongPassword);
        Assert.Equal(wrongPassword, unknown);
    }
}
