using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace SecOpsDx.Web.Hosting;

/// <summary>
/// What protects every answer in the deployment the README describes (the app behind a TLS-terminating proxy):
/// the proxy's X-Forwarded-For/-Proto trusted only from the configured proxies (loopback only in Development), cookies
/// always Secure outside Development, and headers that keep pages from being framed, sniffed or running script
/// from anywhere but this site.
/// </summary>
public static class Protection
{
    /// <summary>
    /// Scripts only from this site (Blazor needs no inline script; the import map is left out for that reason),
    /// styles from this site plus style attributes, the circuit's connection to this site, no plug-ins, no framing.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static WebApplicationBuilder AddSecOpsDxProtection(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection("SecOpsDx:TrustedProxies").Get<string[]>() ?? [];
        var development = builder.Environment.IsDevelopment();
        var trusted = TrustedProxies(proxies, development);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback out of the box, which would let any local process name its own address
            // (and so slip past the failure limits). Only the listed proxies are believed; loopback too in Development.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in trusted) o.KnownIPNetworks.Add(network);
        });
        // HSTS on every answer that came over HTTPS (directly or, through a trusted proxy, X-Forwarded-Proto), a year
        // long and for subdomains. The framework leaves it off for localhost and 127.0.0.1, which is the Host a
        // proxy on the same machine may pass on; the browser saw the municipality's name, so it applies there too.
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            o.IncludeSubDomains = true;
            o.ExcludedHosts.Clear();
        });
        // One frame rule for every answer (below); antiforgery would add its own SAMEORIGIN beside it.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        builder.Services.Configure<CookiePolicyOptions>(o =>
            o.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        return builder;
    }

    /// <summary>
    /// The proxies whose X-Forwarded-For/-Proto are believed: each setting is an address (10.0.0.5) or a network
    /// (10.0.0.0/24). Loopback is added in Development, where the app and its callers share one machine.
    /// A setting that is neither stops the start, so a typo cannot silently leave the proxy untrusted.
    /// </summary>
    public static IReadOnlyList<IPNetwork> TrustedProxies(IEnumerable<string> settings, bool development)
    {
        var trusted = new List<IPNetwork>();
        foreach (var raw in settings)
        {
            var text = raw.Trim();
            if (text.Length == 0) continue;
            if (IPNetwork.TryParse(text, out var network)) trusted.Add(network);
            else if (IPAddress.TryParse(text, out var address)) trusted.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else throw new InvalidOperationException($"SecOpsDx:TrustedProxies: '{text}' is neither an IP address nor a network such as 10.0.0.0/24");
        }
        if (development)
        {
            trusted.Add(new IPNetwork(IPAddress.Loopback, 32));
            trusted.Add(new IPNetwork(IPAddress.IPv6Loopback, 128));
        }
        return trusted;
    }

    public static WebApplication UseSecOpsDxProtection(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseCookiePolicy();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            await next();
        });
        return app;
    }
}
