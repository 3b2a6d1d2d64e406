using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization;

public sealed record DepartmentRow(int Id, string Code, string Name, int? ParentId, string? ParentName, bool IsActive, int StaffCount, int Version);

public sealed record StaffRow(
    int Id, string EmployeeNumber, string FullName, string? Kana, int DepartmentId, string DepartmentCode, string DepartmentName,
    string? Title, string? Email, DateOnly? HiredOn, DateOnly? RetiredOn, string? UserEmail, int Version,
    EmploymentCategory Category = EmploymentCategory.Regular);

public sealed record StaffFilter(string? Text = null, int? DepartmentId = null, bool IncludeRetired = false, int Page = 1, int PageSize = 50);

public sealed record OrganizationSummary(int StaffInPost, int Departments);

/// <summary>Reads of the organisation, shaped for the admin pages.</summary>
public sealed class OrganizationQueries(IDbContextFactory<SecOpsDxDbContext> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<DepartmentRow>> DepartmentsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Departments.AsNoTracking()
            .Select(d => new DepartmentRow(d.Id, d.Code, d.Name, d.ParentId, d.Parent != null ? d.Parent.Name : null, d.IsActive,
                db.Staff.Count(s => s.DepartmentId == d.Id && s.RetiredOn == null), d.Version))
            .ToListAsync(ct);
        // Tree order: each 部 followed by its 課.
        var byParent = rows.ToLookup(r => r.ParentId);
        var ordered = new List<DepartmentRow>(rows.Count);
        foreach (var top in byParent[null].OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            ordered.Add(top);
            ordered.AddRange(byParent[top.Id].OrderBy(r => r.Code, StringComparer.Ordinal));
        }
        ordered.AddRange(rows.Except(ordered).OrderBy(r => r.Code, StringComparer.Ordinal));
        return ordered;
    }

    public async Task<OrganizationSummary> SummaryAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = JapanTime.Today(time);
        var staff = await db.Staff.CountAsync(s => (s.HiredOn == null || s.HiredOn <= today) && (s.RetiredOn == null || s.RetiredOn >= today), ct);
        var departments = await db.Departments.CountAsync(d => d.IsActive, ct);
        return new OrganizationSummary(staff, departments);
    }

    public async Task<Paged<StaffRow>> StaffAsync(StaffFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Staff.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var t = filter.Text.Trim();
            q = q.Where(s => s.EmployeeNumber.Contains(t) || s.FullName.Contains(t) || (s.Kana != null && s.Kana.Contains(t)) || (s.Email != null && s.Email.Contains(t)));
        }
        if (filter.DepartmentId is { } deptId)
            q = q.Where(s => s.DepartmentId == deptId || (s.Department != null && s.Department.ParentId == deptId));
        if (!filter.IncludeRetired)
        {
            var today = JapanTime.Today(time);
            q = q.Where(s => s.RetiredOn == null || s.RetiredOn >= today);
        }
        var total = await q.CountAsync(ct);
        var (page, pageSize) = Paged<StaffRow>.Clamp(filter.Page, filter.PageSize, 500);
        var items = await q.OrderBy(s => s.EmployeeNumber)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new StaffRow(s.Id, s.EmployeeNumber, s.FullName, s.Kana, s.DepartmentId, s.Department!.Code, s.Department.Name,
                s.Title, s.Email, s.HiredOn, s.RetiredOn, s.User != null ? s.User.Email : null, s.Version, s.Category))
            .ToListAsync(ct);
        return new Paged<StaffRow>(items, total, page, pageSize);
    }

    public async Task<StaffRow?> StaffMemberAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Staff.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new StaffRow(s.Id, s.EmployeeNumber, s.FullName, s.Kana, s.DepartmentId, s.Department!.Code, s.Department.Name,
                s.Title, s.Email, s.HiredOn, s.RetiredOn, s.User != null ? s.User.Email : null, s.Version, s.Category))
            .SingleOrDefaultAsync(ct);
    }
}
