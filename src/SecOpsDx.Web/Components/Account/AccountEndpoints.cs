using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>Form posts of the account area that are not pages: sign-out and the language switch.</summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");

        // Signing out ends this browser's session on the server, not only its cookie: a copy of the cookie taken
        // before stops working too. The person's sessions on other devices stand.
        accountGroup.MapPost("/Logout", async (
            HttpContext context,
            [FromServices] SignInSessions sessions,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromForm] string? returnUrl) =>
        {
            if (userManager.GetUserId(context.User) is { } userId && context.User.FindFirst(AppClaims.Session)?.Value is { } sessionId)
                await sessions.EndAsync(sessionId, userId, context.RequestAborted);
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LocalPath(returnUrl));
        }).RequireAuthorization();

        // The profile page lists the account's open sessions; ending one there signs that browser out at its next
        // request. Ending this browser's own session signs it out now.
        accountGroup.MapPost("/EndSession", async (
            HttpContext context,
            [FromServices] SignInSessions sessions,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string? sessionId) =>
        {
            if (userManager.GetUserId(context.User) is not { } userId || string.IsNullOrEmpty(sessionId))
                return TypedResults.LocalRedirect("~/Account/Manage");
            await sessions.EndAsync(sessionId, userId, context.RequestAborted);
            if (context.User.FindFirst(AppClaims.Session)?.Value == sessionId)
            {
                await signInManager.SignOutAsync();
                return TypedResults.LocalRedirect("~/");
            }
            return TypedResults.LocalRedirect("~/Account/Manage");
        }).RequireAuthorization();

        // "Sign out everywhere" (profile page): a new security stamp refuses every cookie of the account issued
        // before it, on every device, and the open sessions are marked ended.
        accountGroup.MapPost("/LogoutEverywhere", async (
            HttpContext context,
            [FromServices] SignInSessions sessions,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] ILogger<SignInManager<ApplicationUser>> log) =>
        {
            if (await userManager.GetUserAsync(context.User) is { } user)
            {
                if (await userManager.UpdateSecurityStampAsync(user) is { Succeeded: false } failed)
                {
                    // The sessions are ended below all the same (each check reads them), so none stays open.
                    log.LogWarning("Sign-out everywhere of user {UserId} could not renew the security stamp: {Errors}",
                        user.Id, string.Join(" ", failed.Errors.Select(e => e.Code)));
                }
                await sessions.EndAllAsync(user.Id, context.RequestAborted);
            }
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).RequireAuthorization();

        // Anyone may switch language (the sign-in page has the switch too); a signed-in user's choice is kept.
        accountGroup.MapPost("/Culture", async (
            HttpContext context,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string culture,
            [FromForm] string? returnUrl) =>
        {
            var chosen = AppCultures.Normalize(culture);
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            if (await userManager.GetUserAsync(context.User) is { } user)
            {
                user.PreferredCulture = chosen;
                await userManager.UpdateAsync(user);
                await signInManager.RefreshSignInAsync(user);
            }
            return TypedResults.LocalRedirect(LocalPath(returnUrl));
        }).AllowAnonymous();

        return accountGroup;
    }

    /// <summary>Only paths within this site: anything else would be an open redirect.</summary>
    private static string LocalPath(string? returnUrl) => ReturnUrls.Local(returnUrl);
}
