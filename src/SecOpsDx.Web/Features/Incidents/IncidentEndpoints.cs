namespace SecOpsDx.Web.Features.Incidents;

public static class IncidentEndpoints
{
    /// <summary>Everything the incident feature answers outside its pages: the JSON API, evidence downloads and list exports.</summary>
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapIncidentsApi();
        app.MapEvidenceEndpoints();
        app.MapIncidentExport();
        return app;
    }
}
