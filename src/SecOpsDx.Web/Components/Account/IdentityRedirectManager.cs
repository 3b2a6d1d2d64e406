using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager, IStringLocalizer<AccountText> text)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    /// <summary>
    /// Marks a status message as an error. Messages are already in the user's language, so whether one
    /// is an error cannot depend on its wording; <c>StatusMessage</c> shows it in red and strips the marker.
    /// </summary>
    public const string ErrorMarker = "[error]";

    /// <summary>A status message to show as an error rather than as a success.</summary>
    public static string Error(string message) => ErrorMarker + message;

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        // An address of this site only (a ReturnUrl comes from the query string): another host falls back to home.
        var absolute = uri is not null && Uri.TryCreate(uri, UriKind.Absolute, out var u) && navigationManager.BaseUri.StartsWith(u.GetLeftPart(UriPartial.Authority) + "/", StringComparison.OrdinalIgnoreCase)
            ? "/" + navigationManager.ToBaseRelativePath(uri)
            : uri;
        navigationManager.NavigateTo(ReturnUrls.Local(absolute));
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", Error(text["InvalidUser.Message", userManager.GetUserId(context.User) ?? ""]), context);
}
