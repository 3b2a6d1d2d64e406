using Microsoft.Extensions.Options;
using SecOpsDx.Core.Policies;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Features.PolicyRegister;

/// <summary>Where the policy files and the register's settings come from ("SecOpsDx:Policies").</summary>
public static class PolicyFolder
{
    public const string Section = "SecOpsDx:Policies";

    /// <summary>SecOpsDx:Policies:Directory, or the policies/ folder shipped beside the app.</summary>
    public static string Of(IServiceProvider sp) =>
        sp.GetRequiredService<IConfiguration>()[Section + ":Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "policies");

    public static PolicySettings Settings(IServiceProvider sp) =>
        sp.GetRequiredService<IConfiguration>().GetSection(Section).Get<PolicySettings>() ?? new PolicySettings();

    public static string EditionsPath(IServiceProvider sp) =>
        Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.ConfigDirectory), GuidelineEditions.FileName);

    public static string OrgansPath(IServiceProvider sp) =>
        Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.ConfigDirectory), MunicipalOrgans.FileName);
}
