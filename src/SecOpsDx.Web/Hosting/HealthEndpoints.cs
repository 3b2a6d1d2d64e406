using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Web.Hosting;

/// <summary>
/// <c>/healthz</c> for load balancers and monitoring: 200 "Healthy" while the database answers,
/// 503 "Unhealthy" when it does not. Open to anyone, like any liveness probe.
/// </summary>
public static class HealthEndpoints
{
    public const string Path = "/healthz";

    public static IServiceCollection AddSecOpsDxHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<SecOpsDxDbContext>(
            name: "database",
            customTestQuery: async (db, ct) =>
            {
                // Opening a connection is not enough: SQLite opens an empty or foreign file without
                // complaint. Reading a table the app always has fails on both; an empty trail is fine.
                await db.AuditEntries.AsNoTracking().AnyAsync(ct);
                return true;
            });
        return services;
    }

    public static IEndpointConventionBuilder MapSecOpsDxHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path).AllowAnonymous();
}
