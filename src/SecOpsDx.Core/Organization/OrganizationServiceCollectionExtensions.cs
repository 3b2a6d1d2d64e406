using Microsoft.Extensions.DependencyInjection;

namespace SecOpsDx.Core.Organization;

public static class OrganizationServiceCollectionExtensions
{
    public static IServiceCollection AddOrganization(this IServiceCollection services)
    {
        services.AddScoped<OrganizationQueries>();
        services.AddScoped<OrganizationCommands>();
        return services;
    }
}
