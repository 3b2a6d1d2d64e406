using Microsoft.Extensions.DependencyInjection;

namespace SecOpsDx.Core.Separation;

public static class SeparationServiceCollectionExtensions
{
    /// <summary>
    /// Three-layer separation controls: the catalogue loaded (and validated) once from the config folder, with
    /// the local file beside it, the use cases and the reads. Evidence files go to the store incidents use.
    /// </summary>
    public static IServiceCollection AddSeparation(this IServiceCollection services, Func<IServiceProvider, string> cataloguePath)
    {
        services.AddSingleton(sp => ControlCatalogue.Load(cataloguePath(sp)));
        services.AddScoped<ControlWrites>();
        services.AddScoped<ChangeSeparationModel>();
        services.AddScoped<SaveSegmentSystem>();
        services.AddScoped<SetControlOwner>();
        services.AddScoped<RecordControlStatus>();
        services.AddScoped<RecordVerification>();
        services.AddScoped<AddControlEvidence>();
        services.AddScoped<RequestControlException>();
        services.AddScoped<ApproveControlException>();
        services.AddScoped<ControlQueries>();
        services.AddScoped<OpenSelfCheck>();
        services.AddScoped<AnswerSelfCheck>();
        services.AddScoped<CloseSelfCheck>();
        services.AddScoped<CorrectFinding>();
        services.AddScoped<SelfCheckQueries>();
        services.AddScoped<LinkIncidentToControl>();
        services.AddScoped<IncidentControlQueries>();
        return services;
    }
}
