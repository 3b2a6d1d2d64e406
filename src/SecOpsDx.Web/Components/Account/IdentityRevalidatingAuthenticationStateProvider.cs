using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Web.Components.Account;

/// <summary>
/// Checks the session behind each open interactive page every few seconds, so that a lock, a role change, a password
/// reset or a sign-out elsewhere takes the page away within seconds rather than at the next full page load.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>One two-column read per open page per interval; short enough that a locked-out person loses the page at once.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A fresh scope per check, so the answer comes from the database and not from a context's cache.
        await using var scope = scopeFactory.CreateAsyncScope();
        return await SessionCheck.IsCurrentAsync(scope.ServiceProvider.GetRequiredService<SignInSessions>(),
            authenticationState.User, options.Value.ClaimsIdentity, cancellationToken);
    }
}
