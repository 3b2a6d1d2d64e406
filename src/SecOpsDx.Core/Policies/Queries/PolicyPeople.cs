using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Policies;

/// <summary>What decides whether a document applies to a person: roles, department and its parent, in post or not.</summary>
internal sealed record PolicyReader(int StaffId, string? UserId, string DepartmentCode, string? ParentCode, IReadOnlyCollection<string> Roles, bool InPost);

internal static class PolicyPeople
{
    public static async Task<PolicyReader?> ReaderAsync(SecOpsDxDbContext db, int staffId, DateOnly today, CancellationToken ct)
    {
        var s = await db.Staff.AsNoTracking().Where(x => x.Id == staffId)
            .Select(x => new { x.Id, x.UserId, x.Department!.Code, Parent = x.Department.Parent != null ? x.Department.Parent.Code : null, x.HiredOn, x.RetiredOn })
            .SingleOrDefaultAsync(ct);
        if (s is null) return null;
        var roles = s.UserId is null ? [] : await RolesAsync(db, [s.UserId], ct);
        return new PolicyReader(s.Id, s.UserId, s.Code, s.Parent, roles.GetValueOrDefault(s.UserId ?? "") ?? [],
            (s.HiredOn == null || s.HiredOn <= today) && (s.RetiredOn == null || s.RetiredOn >= today));
    }

    /// <summary>Staff in post on the day: of a department with its 課, or of the whole organisation.</summary>
    public static IQueryable<Organization.StaffMember> InPost(SecOpsDxDbContext db, DateOnly today, int? departmentId = null)
    {
        var inPost = db.Staff.AsNoTracking().Where(s => (s.HiredOn == null || s.HiredOn <= today) && (s.RetiredOn == null || s.RetiredOn >= today));
        return departmentId is { } id ? inPost.Where(s => s.DepartmentId == id || s.Department!.ParentId == id) : inPost;
    }

    /// <summary>Everyone on the roster who is not in post on the day: retired by then, or not yet hired.</summary>
    public static IQueryable<Organization.StaffMember> NotInPost(SecOpsDxDbContext db, DateOnly today) =>
        db.Staff.AsNoTracking().Where(s => (s.HiredOn != null && s.HiredOn > today) || (s.RetiredOn != null && s.RetiredOn < today));

    /// <summary>Everyone in post on the day who has an account.</summary>
    public static async Task<List<PolicyReader>> ReadersInPostAsync(SecOpsDxDbContext db, DateOnly today, CancellationToken ct)
    {
        var staff = await InPost(db, today).Where(x => x.UserId != null)
            .Select(x => new { x.Id, x.UserId, x.Department!.Code, Parent = x.Department.Parent != null ? x.Department.Parent.Code : null })
            .ToListAsync(ct);
        var roles = await RolesAsync(db, staff.Select(s => s.UserId!).ToList(), ct);
        return staff.Select(s => new PolicyReader(s.Id, s.UserId, s.Code, s.Parent, roles.GetValueOrDefault(s.UserId!) ?? [], InPost: true)).ToList();
    }

    public static async Task<Dictionary<string, IReadOnlyCollection<string>>> RolesAsync(SecOpsDxDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where userIds.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(p => p.Name!).ToHashSet());
    }
}
