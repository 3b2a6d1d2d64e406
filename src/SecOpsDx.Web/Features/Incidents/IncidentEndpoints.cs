namespace SecOpsDx.Web.Features.Incidents;

public static class IncidentEndpoints
{
    /// <summary>Everything the incident feature answers outside its pages: the JSON API and evidence downloads.</summary>
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapIncidentsApi();
        app.MapEvidenceEndpoints();
        return app;
    }
}
