using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization;

public sealed record DepartmentInput(string Code, string Name, int? ParentId, bool IsActive);

/// <param name="Category">雇用区分, exactly one; null keeps what is stored (a new person is 正規職員).</param>
public sealed record StaffInput(
    string EmployeeNumber, string FullName, string? Kana, int DepartmentId, string? Title, string? Email,
    DateOnly? HiredOn, DateOnly? RetiredOn, EmploymentCategory? Category = null);

/// <summary>Writes to departments and staff. Each checks its input first and refuses stale edits.</summary>
public sealed class OrganizationCommands(IDbContextFactory<SecOpsDxDbContext> factory)
{
    public async Task<int> SaveDepartmentAsync(int? id, int expectedVersion, DepartmentInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var code = errors.Text("code", input.Code, OrganizationLimits.Code, required: true)!;
        var name = errors.Text("name", input.Name, OrganizationLimits.Name, required: true)!;
        errors.ThrowIfAny();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Departments.AnyAsync(d => d.Code == code && d.Id != id, ct))
            throw ValidationFailedException.For("code", ErrorCodes.DepartmentCodeTaken, code);
        if (input.ParentId is { } parentId)
        {
            var parent = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == parentId, ct)
                ?? throw new DomainException(ErrorCodes.ParentNotFound);
            if (parent.ParentId is not null || parentId == id)
                throw new DomainException(ErrorCodes.ParentMustBeTop);
        }

        Department dept;
        if (id is null)
        {
            dept = new Department { Code = code, Name = name };
            db.Departments.Add(dept);
        }
        else
        {
            dept = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, ct)
                ?? throw new DomainException(ErrorCodes.DepartmentNotFound);
            db.ExpectVersion(dept, expectedVersion);
            if (input.ParentId is not null && await db.Departments.AnyAsync(d => d.ParentId == id, ct))
                throw new DomainException(ErrorCodes.DepartmentHasSections);
            dept.Code = code;
            dept.Name = name;
        }
        dept.ParentId = input.ParentId;
        dept.IsActive = input.IsActive;
        await db.SaveOrConflictAsync(ct);
        return dept.Id;
    }

    public async Task<int> SaveStaffAsync(int? id, int expectedVersion, StaffInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var number = errors.Text("employeeNumber", input.EmployeeNumber, OrganizationLimits.EmployeeNumber, required: true)!;
        var name = errors.Text("fullName", input.FullName, OrganizationLimits.FullName, required: true)!;
        var kana = errors.Text("kana", input.Kana, OrganizationLimits.Kana, required: false);
        var title = errors.Text("position", input.Title, OrganizationLimits.Position, required: false);
        var email = errors.Email("email", input.Email);
        if (input.HiredOn is { } h && input.RetiredOn is { } r && r < h) errors.Add("retiredOn", ErrorCodes.RetiredBeforeHired);
        // The enum is a set of flags for course audiences; a person is in exactly one category.
        if (input.Category is { } c && c is not (EmploymentCategory.Regular or EmploymentCategory.FiscalYearAppointed or EmploymentCategory.Contractor))
            errors.Add("employmentCategory", ErrorCodes.Required);
        errors.ThrowIfAny();

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Staff.AnyAsync(s => s.EmployeeNumber == number && s.Id != id, ct))
            throw ValidationFailedException.For("employeeNumber", ErrorCodes.EmployeeNumberTaken, number);
        if (!await db.Departments.AnyAsync(d => d.Id == input.DepartmentId, ct))
            throw new DomainException(ErrorCodes.DepartmentNotFound);

        StaffMember staff;
        if (id is null)
        {
            staff = new StaffMember { EmployeeNumber = number, FullName = name };
            db.Staff.Add(staff);
        }
        else
        {
            staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == id, ct)
                ?? throw new DomainException(ErrorCodes.StaffNotFound);
            db.ExpectVersion(staff, expectedVersion);
            staff.EmployeeNumber = number;
            staff.FullName = name;
        }
        staff.Kana = kana;
        staff.DepartmentId = input.DepartmentId;
        staff.Title = title;
        staff.Email = email;
        staff.HiredOn = input.HiredOn;
        staff.RetiredOn = input.RetiredOn;
        if (input.Category is { } category) staff.Category = category;
        await db.SaveOrConflictAsync(ct);
        return staff.Id;
    }
}
