using Microsoft.Extensions.Options;
using SecOpsDx.Core.Compliance;

namespace SecOpsDx.Web.Features.Compliance;

public static class ComplianceHosting
{
    /// <summary>The dashboard's reads and its thresholds ("SecOpsDx:Compliance"), checked when the app starts.</summary>
    public static IServiceCollection AddComplianceDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCompliance();
        services.AddOptions<ComplianceSettings>().Bind(configuration.GetSection(ComplianceSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ComplianceSettings>, ComplianceSettingsValidation>();
        return services;
    }

    private sealed class ComplianceSettingsValidation : IValidateOptions<ComplianceSettings>
    {
        public ValidateOptionsResult Validate(string? name, ComplianceSettings options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}

public static class ComplianceEndpoints
{
    /// <summary>Everything the dashboard answers outside its pages: the summary API and the list exports.</summary>
    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapComplianceApi();
        app.MapComplianceExport();
        app.MapAnnualReportDocx();
        return app;
    }
}
