using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Web.Components.Account;

/// <summary>
/// Whether a signed-in person's session still stands: the account exists, is not locked, and its security stamp is
/// the one the session was issued with. Locking, a role change, a password reset and signing out all change the
/// stamp, so each of them ends the sessions issued before it. One primary-key read of two columns, cheap enough
/// to run on every request and every few seconds for each open interactive page.
/// </summary>
internal static class SessionCheck
{
    public static async Task<bool> IsCurrentAsync(
        SecOpsDxDbContext db, ClaimsPrincipal principal, ClaimsIdentityOptions claims, DateTimeOffset now, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(claims.UserIdClaimType);
        if (string.IsNullOrEmpty(userId)) return false;
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd })
            .SingleOrDefaultAsync(ct);
        if (account is null) return false;
        if (account.LockoutEnd is { } end && end > now) return false;
        return principal.FindFirstValue(claims.SecurityStampClaimType) == account.SecurityStamp;
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
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var db = services.GetRequiredService<SecOpsDxDbContext>();
        if (await IsCurrentAsync(db, context.Principal, claims, now, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
