using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Policies.Sync;

namespace SecOpsDx.Core.Policies;

public static class PoliciesServiceCollectionExtensions
{
    /// <summary>The policy register: guideline editions and the organs loaded (and validated) once from the config folder, the use cases and the reads.</summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services, Func<IServiceProvider, string> editionsPath,
        Func<IServiceProvider, PolicySettings> settings, Func<IServiceProvider, string> organsPath)
    {
        services.AddSingleton(sp => GuidelineEditions.Load(editionsPath(sp)));
        services.AddSingleton(sp => MunicipalOrgans.Load(organsPath(sp)));
        services.AddScoped<RecordOrganPublication>();
        services.AddScoped<OrganPublicationQueries>();
        services.AddSingleton(settings);
        services.AddScoped<PolicyWrites>();
        services.AddScoped<SyncPolicies>();
        services.AddScoped<StartRevision>();
        services.AddScoped<SaveDraft>();
        services.AddScoped<SubmitRevision>();
        services.AddScoped<ApproveRevision>();
        services.AddScoped<RecordReview>();
        services.AddScoped<AbolishDocument>();
        services.AddScoped<AcknowledgePolicy>();
        services.AddScoped<PolicyQueries>();
        return services;
    }
}
