using Microsoft.AspNetCore.Localization;

namespace SecOpsDx.Web.Hosting;

/// <summary>The signed-in user's chosen language wins over the cookie set on the sign-in page.</summary>
internal sealed class UserCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = httpContext.User.FindFirst(AppClaims.Culture)?.Value;
        return Task.FromResult(string.IsNullOrEmpty(culture) ? null : new ProviderCultureResult(culture));
    }
}

public static class AppCultures
{
    public const string Japanese = "ja-JP";
    public const string English = "en-US";
    public static readonly string[] Supported = [Japanese, English];

    /// <summary>Whether the current request or circuit speaks English; Japanese otherwise.</summary>
    public static bool IsEnglish => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    public static string Normalize(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Japanese;
}
