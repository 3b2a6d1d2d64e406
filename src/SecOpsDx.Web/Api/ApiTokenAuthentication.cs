using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Api;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Api;

/// <summary>`Authorization: Bearer sdx_…` for the JSON API. Cookies never authenticate an API call.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens,
    [FromKeyedServices(ClientFailureLimiter.Api)] ClientFailureLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        // A client that sent too many bad tokens is refused before its token is even looked at, good or not.
        var address = ClientFailureLimiter.ClientOf(Context);
        if (failures.Refusal(address) is not null) return AuthenticateResult.Fail("too many failed tokens from this client");
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Failed(address, "not a bearer token");
        var client = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (client is null) return Failed(address, "unknown or revoked token");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"api:{client.Name}"), new Claim("api_token_id", client.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             .. client.Scopes.Select(s => new Claim(ScopeClaim, s))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // The failure that uses up the allowance is still answered 401; refusal starts with the next request.
    private bool _failureCounted;

    private AuthenticateResult Failed(string address, string reason)
    {
        _failureCounted = true;
        if (failures.CountFailure(address))
            Logger.LogWarning("API: {Count} failed tokens from client {Client} within {Minutes} minute(s); its API calls are refused for now",
                failures.Limit, address, failures.Window.TotalMinutes);
        return AuthenticateResult.Fail(reason);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!_failureCounted && failures.Refusal(ClientFailureLimiter.ClientOf(Context)) is { } wait)
        {
            Response.Headers.RetryAfter = ClientFailureLimiter.RetryAfterSeconds(wait);
            return ApiProblems.Write(Context, StatusCodes.Status429TooManyRequests, "試行が多すぎます / too many failed attempts",
                "This client sent too many invalid API tokens. Wait for the time in Retry-After, then use a valid token.");
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "認証が必要です / authentication required",
            "Send `Authorization: Bearer <token>` with a valid, unrevoked API token.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "権限がありません / missing scope",
            "The token does not have the scope this operation needs.");
}

public static class ApiProblems
{
    public static IResult Result(int status, string title, string detail, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? Results.Problem(detail: detail, statusCode: status, title: title)
            : Results.ValidationProblem(errors, detail: detail, title: title, statusCode: status);

    public static Task Write(HttpContext context, int status, string title, string detail) =>
        Result(status, title, detail).ExecuteAsync(context);
}
