using Microsoft.Extensions.DependencyInjection;

namespace SecOpsDx.Core.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>The CISO's compliance summary; the thresholds come from <see cref="ComplianceSettings"/> (bound by the host).</summary>
    public static IServiceCollection AddCompliance(this IServiceCollection services)
    {
        services.AddScoped<ComplianceQueries>();
        return services;
    }
}
