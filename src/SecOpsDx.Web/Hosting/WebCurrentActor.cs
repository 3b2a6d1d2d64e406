using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using SecOpsDx.Core.Auditing;

namespace SecOpsDx.Web.Hosting;

/// <summary>
/// The actor of a change: a verb's or job's override, else the user of the HTTP request (pages rendered
/// statically, API calls), else the user of the interactive circuit.
/// </summary>
internal sealed class WebCurrentActor(
    ActorOverride actorOverride,
    IHttpContextAccessor httpContextAccessor,
    AuthenticationStateProvider authenticationStateProvider) : ICurrentActor
{
    public async ValueTask<AuditActor> GetActorAsync()
    {
        if (actorOverride.Actor is { } fixedActor) return fixedActor;

        var user = httpContextAccessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            try
            {
                user = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Outside a circuit the provider has no state: the request is anonymous.
            }
        }

        return user?.Identity?.IsAuthenticated == true
            ? new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity.Name ?? "?")
            : new AuditActor(null, "anonymous");
    }
}
