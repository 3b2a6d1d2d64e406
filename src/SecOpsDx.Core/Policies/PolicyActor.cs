using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// What the acting person may do in the policy register. The CISO office (CISO, Admin) keeps the whole register and
/// alone approves; a manager (情報セキュリティ管理者) drafts the documents their department owns, and those of their
/// 部 when they manage one of its 課, as the control owners do. A caller without an account (a command-line verb, a
/// job, the demo seed) acts for the office.
/// </summary>
public sealed record PolicyActor(AuditActor Actor, bool Office, string? DepartmentCode, string? ParentDepartmentCode)
{
    /// <summary>Starts, edits and sends for approval a revision of the document, and records a review of it.</summary>
    public bool MayDraft(string ownerDepartmentCode) =>
        Office || (DepartmentCode is not null && (ownerDepartmentCode == DepartmentCode || ownerDepartmentCode == ParentDepartmentCode));

    /// <summary>Approves or sends back a revision, and abolishes a document.</summary>
    public bool MayApprove => Office;

    public static async Task<PolicyActor> ResolveAsync(SecOpsDxDbContext db, AuditActor who, CancellationToken ct)
    {
        if (who.UserId is null) return new PolicyActor(who, Office: true, null, null);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == who.UserId
                           select r.Name).ToListAsync(ct);
        var office = roles.Contains(Roles.Ciso) || roles.Contains(Roles.Admin);
        if (office || !roles.Contains(Roles.Manager)) return new PolicyActor(who, office, null, null);
        var department = await db.Staff.AsNoTracking().Where(s => s.UserId == who.UserId)
            .Select(s => new { s.Department!.Code, ParentCode = s.Department.Parent != null ? s.Department.Parent.Code : null })
            .FirstOrDefaultAsync(ct);
        return new PolicyActor(who, false, department?.Code, department?.ParentCode);
    }

    /// <summary>Refuses anyone who may not draft the document, naming the department that owns it.</summary>
    public async Task RequireDrafterAsync(SecOpsDxDbContext db, PolicyDocument document, CancellationToken ct)
    {
        if (MayDraft(document.OwnerDepartmentCode)) return;
        var owner = await db.Departments.AsNoTracking().Where(d => d.Code == document.OwnerDepartmentCode).Select(d => d.Name).FirstOrDefaultAsync(ct);
        throw new DomainException(ErrorCodes.NotPolicyDrafter, owner ?? document.OwnerDepartmentCode);
    }

    /// <summary>Records which organs a document covers and their publication: the CISO office, which keeps the register.</summary>
    public bool MayRecordPublication => Office;

    public void RequirePublicationRecorder()
    {
        if (!MayRecordPublication) throw new DomainException(ErrorCodes.PublicationOfficeOnly);
    }

    public void RequireApprover()
    {
        if (!MayApprove) throw new DomainException(ErrorCodes.PolicyApproverOnly);
    }
}
