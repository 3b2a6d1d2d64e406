using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Incidents;

public static class IncidentsServiceCollectionExtensions
{
    /// <summary>Incident tickets: the taxonomy loaded (and validated) once from the config folder, the use cases and the reads.</summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services, Func<IServiceProvider, string> taxonomyPath, Func<IServiceProvider, string> evidenceDirectory)
    {
        services.AddSingleton(sp => IncidentTaxonomy.Load(taxonomyPath(sp)));
        services.AddSingleton(sp => new EvidenceStore(evidenceDirectory(sp)));
        services.AddSingleton(OfficeCalendar.Default);
        services.AddSingleton<RegulatoryDuty>();
        services.AddScoped<TicketWrites>();
        // One class per use case (Intake/, Triage/, Handling/, Timeline/, Reporting/, Work/).
        services.AddScoped<ReceiveIncident>();
        services.AddScoped<TriageIncident>();
        services.AddScoped<MoveIncident>();
        services.AddScoped<CloseIncident>();
        services.AddScoped<AddTimelineEntry>();
        services.AddScoped<AddReporterFollowUp>();
        services.AddScoped<RecordAuthorityReport>();
        services.AddScoped<AddIncidentTask>();
        services.AddScoped<CompleteIncidentTask>();
        services.AddScoped<AddEvidence>();
        services.AddScoped<LinkIncidents>();
        services.AddScoped<IncidentQueries>();
        return services;
    }
}
