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

        accountGroup.MapPost("/Logout", async (
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
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
