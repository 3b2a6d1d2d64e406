using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Incidents;

public static class IncidentsServiceCollectionExtensions
{
    /// <summary>Incident tickets, with the taxonomy loaded (and validated) once from the config folder.</summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services, Func<IServiceProvider, string> taxonomyPath, Func<IServiceProvider, string> evidenceDirectory)
    {
        services.AddSingleton(sp => new EvidenceStore(evidenceDirectory(sp)));
        services.AddScoped<IncidentWorkCommands>();
        services.AddSingleton(sp => IncidentTaxonomy.Load(taxonomyPath(sp)));
        services.AddSingleton(OfficeCalendar.Default);
        services.AddScoped<IncidentCommands>();
        services.AddScoped<IncidentQueries>();
        return services;
    }
}
