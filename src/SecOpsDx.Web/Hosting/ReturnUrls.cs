namespace SecOpsDx.Web.Hosting;

/// <summary>
/// Where to send a user back to after signing in, switching language or signing out: only a path of this site.
/// Anything else — another host (http://…, //…, /\…), a scheme, control characters such as tabs or line breaks
/// that browsers strip — falls back to the home page instead of failing the request.
/// </summary>
public static class ReturnUrls
{
    public static string Local(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(char.IsControl) || url.Contains('\\')) return "/";
        if (url.StartsWith("//", StringComparison.Ordinal)) return "/";
        if (!Uri.IsWellFormedUriString(url, UriKind.Relative)) return "/";
        return url.StartsWith('/') ? url : "/" + url;
    }
}
