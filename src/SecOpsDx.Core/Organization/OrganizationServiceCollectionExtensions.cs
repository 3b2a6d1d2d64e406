using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Organization.Roster;

namespace SecOpsDx.Core.Organization;

public static class OrganizationServiceCollectionExtensions
{
    public static IServiceCollection AddOrganization(this IServiceCollection services)
    {
        services.AddScoped<OrganizationQueries>();
        services.AddScoped<OrganizationCommands>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<RosterImporter>();
        services.AddScoped<SignInSessions>();
        services.AddScoped<BulkAccounts>();
        services.AddScoped<Ldap.DirectoryAccounts>();
        services.AddScoped<Ldap.DirectoryCheck>();
        services.AddSingleton<Ldap.IDirectory, Ldap.LdapDirectory>();
        return services;
    }
}
