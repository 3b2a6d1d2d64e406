using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Web.Resources;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Features.PolicyRegister;

/// <summary>The register's enums and codes in the reader's words.</summary>
public static class PolicyLabels
{
    public static string Kind(this IStringLocalizer<PolicyText> t, PolicyKind kind) => t["Kind." + kind];
    public static string State(this IStringLocalizer<PolicyText> t, PolicyRevisionState state) => t["State." + state];
    public static string Change(this IStringLocalizer<PolicyText> t, PolicyChange change) => t["Change." + change];
    public static string Need(this IStringLocalizer<PolicyText> t, ReviewNeed need) => t["Need." + need];

    public static string Edition(GuidelineEditions editions, string code) =>
        editions.Find(code)?.Label(AppCultures.IsEnglish) ?? code;

    public static string StateBadge(PolicyRevisionState state) => state switch
    {
        PolicyRevisionState.InForce => "text-bg-success",
        PolicyRevisionState.AwaitingApproval => "text-bg-warning",
        PolicyRevisionState.Approved => "text-bg-info",
        PolicyRevisionState.Draft => "text-bg-secondary",
        _ => "text-bg-light border",
    };
}
