using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Training.Queries;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Features.Compliance;

/// <summary>
/// Who is looking at the dashboard: the CISO office sees the whole organisation; a manager sees their own
/// department (and those under it) and nothing else. Also which of the pages behind the figures they may open.
/// </summary>
public sealed record ComplianceViewer(bool SeesAll, int? DepartmentId, string? DepartmentName,
    bool TrainingAdmin, bool TrainingManager, bool PolicyAdmin, bool PolicyManager, bool ControlOwner, bool ControlManager, bool IncidentReader)
{
    /// <summary>A manager without a staff record has no department to be shown.</summary>
    public bool HasNothingToSee => !SeesAll && DepartmentId is null;

    public static async Task<ComplianceViewer> OfAsync(ClaimsPrincipal user, TrainingQueries training, IAuthorizationService authorization)
    {
        async Task<bool> May(string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;
        var all = user.IsInRole(Roles.Ciso) || user.IsInRole(Roles.Admin);
        var staff = all ? null : await training.StaffOfAsync(user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        return new ComplianceViewer(all, staff?.DepartmentId, staff?.DepartmentName,
            await May(Policies.TrainingAdmin), await May(Policies.TrainingManager), await May(Policies.PolicyAdmin), await May(Policies.PolicyManager),
            await May(Policies.ControlOwner), await May(Policies.ControlManager), await May(Policies.IncidentReader));
    }

    /// <summary>
    /// The department a request may show: any (or the whole organisation) for the CISO office; for a manager the
    /// one asked for when it lies within their own, else their own.
    /// </summary>
    public async Task<int?> DepartmentFor(int? requested, Core.Compliance.ComplianceQueries queries)
    {
        if (SeesAll) return requested;
        if (DepartmentId is not { } own) return null;
        if (requested is { } r && (await queries.ScopeAsync(own))?.Contains(r) == true) return r;
        return own;
    }
}
