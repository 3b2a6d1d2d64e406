using System.Security.Claims;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Web.Features.Training;

/// <summary>Who is looking at a training page: their staff record and whether they see one department or all.</summary>
public sealed record TrainingAccount(StaffOfAccount? Staff, bool SeesAllDepartments)
{
    /// <summary>The department a manager is limited to; null for the CISO office (Admin, CISO).</summary>
    public int? OnlyDepartmentId => SeesAllDepartments ? null : Staff?.DepartmentId ?? -1;

    public static async Task<TrainingAccount> OfAsync(ClaimsPrincipal user, TrainingQueries queries)
    {
        var staff = await queries.StaffOfAsync(user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        return new TrainingAccount(staff, user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Ciso));
    }
}
