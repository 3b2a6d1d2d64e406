using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SecOpsDx.Web.Hosting;

/// <summary>
/// What protects every answer in the deployment the README describes (the app behind a TLS-terminating proxy):
/// the proxy's X-Forwarded-For/-Proto trusted only from the configured proxies (loopback by default), cookies
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

    public static WebApplicationBuilder AddSecOpsDxProtection(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection("SecOpsDx:TrustedProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback is trusted by default (a proxy on the same machine); others only when listed.
            foreach (var p in proxies)
                if (IPAddress.TryParse(p, out var address)) o.KnownProxies.Add(address);
        });
        // One frame rule for every answer (below); antiforgery would add its own SAMEORIGIN beside it.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        var development = builder.Environment.IsDevelopment();
        builder.Services.Configure<CookiePolicyOptions>(o =>
            o.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        return builder;
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
