using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// Failed sign-ins are counted per account and address together, with a higher ceiling per address: one person's
/// typos in an office behind one address do not keep their colleagues out.
/// (ThrottledAppFactory: 3 per account and address, 8 per address.)
/// </summary>
public sealed class SignInThrottleTests(ThrottledAppFactory factory) : IClassFixture<ThrottledAppFactory>
{
    private static int _nextAddress;

    private static string FreshAddress() => $"198.18.0.{Interlocked.Increment(ref _nextAddress)}";

    private async Task<string> NewAccountAsync()
    {
        var email = $"user-{Guid.NewGuid().ToString("N")[..10]}@example.jp";
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>()
            .CreateAsync(new ApplicationUser { UserName = email, Email = email }, AppFactory.DemoPassword)).Succeeded);
        return email;
    }

    private static bool SignedIn(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && !r.Headers.Location!.ToString().Contains("/Account/", StringComparison.Ordinal);

    private static bool Refused(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Lockout", StringComparison.Ordinal);

    [Fact]
    public async Task One_persons_typos_hold_up_only_that_account_at_that_address_and_colleagues_behind_it_sign_in()
    {
        var office = FreshAddress();
        var typist = await NewAccountAsync();
        var colleague = await NewAccountAsync();

        for (var i = 0; i < 3; i++)
            Assert.False(Refused(await SignIn.PostLoginAsync(factory.ClientAt(office, browserLike: true), typist, "Wrong-Password-123")));
        var typistAgain = await SignIn.PostLoginAsync(factory.ClientAt(office, browserLike: true), typist, AppFactory.DemoPassword);
        var colleagueSignsIn = await SignIn.PostLoginAsync(factory.ClientAt(office, browserLike: true), colleague, AppFactory.DemoPassword);
        var typistElsewhere = await SignIn.PostLoginAsync(factory.ClientAt(FreshAddress(), browserLike: true), typist, AppFactory.DemoPassword);

        Assert.True(Refused(typistAgain));
        Assert.True(SignedIn(colleagueSignsIn));
        Assert.True(SignedIn(typistElsewhere));
    }

    [Fact]
    public async Task An_address_that_fails_on_many_names_reaches_the_ceiling_and_is_refused_for_every_name()
    {
        var guesser = FreshAddress();
        var someone = await NewAccountAsync();

        for (var i = 0; i < 8; i++)
            Assert.False(Refused(await SignIn.PostLoginAsync(factory.ClientAt(guesser, browserLike: true), $"guess-{i}@example.jp", "Wrong-Password-123")));
        var refused = await SignIn.PostLoginAsync(factory.ClientAt(guesser, browserLike: true), someone, AppFactory.DemoPassword);
        var owner = await SignIn.PostLoginAsync(factory.ClientAt(FreshAddress(), browserLike: true), someone, AppFactory.DemoPassword);

        Assert.True(Refused(refused));
        Assert.True(SignedIn(owner));
    }

    [Fact]
    public async Task One_address_cannot_lock_an_account_within_a_window()
    {
        var target = await NewAccountAsync();
        var attacker = FreshAddress();

        for (var i = 0; i < 10; i++)
            await SignIn.PostLoginAsync(factory.ClientAt(attacker, browserLike: true), target, "Wrong-Password-123");

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByNameAsync(target))!;
        Assert.False(await users.IsLockedOutAsync(user));
        Assert.Equal(3, await users.GetAccessFailedCountAsync(user));
    }
}
