using SecOpsDx.Core.Auditing;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Components.Account;

/// <summary>
/// Whether a signed-in person's session still stands. Every sign-in opens a server-side session
/// (<see cref="SignInSessions"/>) whose id the cookie carries: signing out ends that one session, so a copy of its
/// cookie stops working; locking, a role change, a password reset and "sign out everywhere" change the account's
/// security stamp, which ends all of them. One indexed read, cheap enough to run on every request and every few
/// seconds for each open interactive page.
/// </summary>
internal static class SessionCheck
{
    public static Task<bool> IsCurrentAsync(
        SignInSessions sessions, ClaimsPrincipal principal, ClaimsIdentityOptions claims, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(claims.UserIdClaimType);
        var sessionId = principal.FindFirstValue(AppClaims.Session);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        // A cookie without a session id predates server-side sessions (or was not issued by this app): not current.
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(stamp))
            return Task.FromResult(false);
        return sessions.IsOpenAsync(sessionId, userId, stamp, ct);
    }

    /// <summary>
    /// Cookie validation on every request: a session that no longer stands is refused and its cookie dropped, so the
    /// request goes on as anonymous (sign-in page for pages, 401/redirect for the rest).
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null) return;
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        if (await IsCurrentAsync(services.GetRequiredService<SignInSessions>(), context.Principal, claims, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// Every cookie the app issues names its server-side session. A first sign-in opens one; a refresh of the cookie
    /// within a signed-in request (a language switch, a password change) keeps the session it came from and moves it
    /// to the account's current stamp.
    /// </summary>
    public static async Task AttachSessionAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == AppClaims.Session)) return;
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = identity.FindFirst(claims.UserIdClaimType)?.Value;
        var stamp = identity.FindFirst(claims.SecurityStampClaimType)?.Value;
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(stamp)) return;

        var sessions = services.GetRequiredService<SignInSessions>();
        var ct = context.HttpContext.RequestAborted;
        var current = context.HttpContext.User;
        var sessionId = current.FindFirstValue(claims.UserIdClaimType) == userId ? current.FindFirstValue(AppClaims.Session) : null;
        if (sessionId is not null)
        {
            await sessions.RenewAsync(sessionId, userId, stamp, ct);
        }
        else
        {
            var request = context.HttpContext;
            // The request is still anonymous while it signs in: the session is recorded as the person's own act.
            var actor = services.GetRequiredService<ActorOverride>();
            var previous = actor.Actor;
            actor.Actor = new AuditActor(userId, identity.Name ?? userId);
            try
            {
                sessionId = await sessions.StartAsync(userId, stamp,
                    request.Connection.RemoteIpAddress?.ToString(), request.Request.Headers.UserAgent.ToString(), ct);
            }
            finally
            {
                actor.Actor = previous;
            }
        }
        identity.AddClaim(new Claim(AppClaims.Session, sessionId));
    }

    /// <summary>Identity's periodic claim refresh builds a new principal from the account: it keeps the session it refreshes.</summary>
    public static Task KeepSessionOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        var sessionId = context.CurrentPrincipal?.FindFirstValue(AppClaims.Session);
        if (sessionId is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == AppClaims.Session))
            identity.AddClaim(new Claim(AppClaims.Session, sessionId));
        return Task.CompletedTask;
    }
}
