using System.Diagnostics;
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

    [Fact]
    public async Task An_unknown_address_takes_about_as_long_as_a_wrong_password()
    {
        // Three tries per account stay below the lockout (five), which would answer without hashing.
        async Task<double> MedianMillisecondsAsync(string email)
        {
            var times = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var client = FreshClient();
                var token = await SignIn.AntiforgeryTokenAsync(client, "/Account/Login");
                var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["_handler"] = "login",
                    ["Input.Email"] = email, ["Input.Password"] = "Wrong-Password-123",
                });
                var watch = Stopwatch.StartNew();
                await client.PostAsync("/Account/Login", form);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(1);
        }
        await MedianMillisecondsAsync(await NewAccountAsync()); // warm-up

        var wrongPassword = await MedianMillisecondsAsync(await NewAccountAsync());
        var unknown = await MedianMillisecondsAsync($"nobody-{Guid.NewGuid():N}@example.jp");

        // Without the dummy hash an unknown address answered in about 5 ms against 180 ms for a wrong password;
        // the margin is wide because the machine running the tests may be busy.
        Assert.True(unknown > wrongPassword * 0.3, $"unknown address {unknown:F1} ms, wrong password {wrongPassword:F1} ms");
    }
}
