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

        // Signing out ends the session on the server, not only in this browser: a new security stamp refuses every
        // cookie issued before it, including copies of this one. It ends the person's other sessions too, which is
        // what the profile page's "sign out everywhere" offers.
        accountGroup.MapPost("/Logout", async (
            HttpContext context,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] ILogger<SignInManager<ApplicationUser>> log,
            [FromForm] string? returnUrl) =>
        {
            if (await userManager.GetUserAsync(context.User) is { } user
                && await userManager.UpdateSecurityStampAsync(user) is { Succeeded: false } failed)
            {
                // This browser is signed out all the same; other copies of the session stay valid, so say so.
                log.LogWarning("Sign-out of user {UserId} could not end the session on the server: {Errors}",
                    user.Id, string.Join(" ", failed.Errors.Select(e => e.Code)));
            }
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LocalPath(returnUrl));
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
