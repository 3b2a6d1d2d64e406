using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Training;

/// <summary>
/// Who records drill reports that reached a person rather than the drill tool. The CISO office (CISO, Admin) records for
/// any recipient; a manager (情報セキュリティ管理者) for the recipients of their own department, and of its 課 when they
/// manage a 部, as in the training lists. Everyone else records nothing. A caller without an account (the demo seed, a
/// command-line verb) acts for the office. Decided here, so a page cannot widen anyone's reach.
/// </summary>
public sealed record DrillActor(AuditActor Actor, bool Office, bool Manager, int? DepartmentId)
{
    public bool MayRecord => Office || (Manager && DepartmentId is not null);

    /// <summary>Whether the actor may record for a recipient who belonged to the department when the drill was held.</summary>
    public bool MayRecordFor(int? recipientDepartmentId, IReadOnlyDictionary<int, int?> parentOf) =>
        Office || (Manager && DepartmentId is { } mine && recipientDepartmentId is { } theirs
                   && (theirs == mine || parentOf.GetValueOrDefault(theirs) == mine));

    public static async Task<DrillActor> ResolveAsync(SecOpsDxDbContext db, AuditActor who, CancellationToken ct)
    {
        if (who.UserId is null) return new DrillActor(who, Office: true, Manager: false, null);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == who.UserId
                           select r.Name).ToListAsync(ct);
        var office = roles.Contains(Roles.Ciso) || roles.Contains(Roles.Admin);
        var manager = roles.Contains(Roles.Manager);
        int? department = office || !manager ? null
            : await db.Staff.AsNoTracking().Where(s => s.UserId == who.UserId).Select(s => (int?)s.DepartmentId).FirstOrDefaultAsync(ct);
        return new DrillActor(who, office, manager, department);
    }

    public void RequireRecorder()
    {
        if (!MayRecord) throw new DomainException(ErrorCodes.DrillRecorderOnly);
    }
}
