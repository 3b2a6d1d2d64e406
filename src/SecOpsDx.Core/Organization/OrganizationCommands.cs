using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization;

/// <summary>A change the user asked for could not be made; <see cref="Code"/> names why, for a localized message.</summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

public static class ErrorCodes
{
    public const string Conflict = "conflict";
    public const string NotFound = "not-found";
    public const string Duplicate = "duplicate";
    public const string Invalid = "invalid";
}

public sealed record DepartmentInput(string Code, string Name, int? ParentId, bool IsActive);

public sealed record StaffInput(
    string EmployeeNumber, string FullName, string? Kana, int DepartmentId, string? Title, string? Email,
    DateOnly? HiredOn, DateOnly? RetiredOn);

/// <summary>Writes to departments and staff. Each checks its input first and refuses stale edits.</summary>
public sealed class OrganizationCommands(IDbContextFactory<SecOpsDxDbContext> factory)
{
    public async Task<int> SaveDepartmentAsync(int? id, int expectedVersion, DepartmentInput input, CancellationToken ct = default)
    {
        var code = Require(input.Code, "code", 32);
        var name = Require(input.Name, "name", 100);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Departments.AnyAsync(d => d.Code == code && d.Id != id, ct))
            throw new DomainException(ErrorCodes.Duplicate, $"所属コード {code} は既に使われています");
        if (input.ParentId is { } parentId)
        {
            var parent = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == parentId, ct)
                ?? throw new DomainException(ErrorCodes.NotFound, "親の所属が見つかりません");
            if (parent.ParentId is not null || parentId == id)
                throw new DomainException(ErrorCodes.Invalid, "親にできるのは部(最上位の所属)だけです");
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
                ?? throw new DomainException(ErrorCodes.NotFound, "所属が見つかりません");
            db.Entry(dept).Property(d => d.Version).OriginalValue = expectedVersion;
            if (input.ParentId is not null && await db.Departments.AnyAsync(d => d.ParentId == id, ct))
                throw new DomainException(ErrorCodes.Invalid, "課を持つ部は他の部の下に移せません");
            dept.Code = code;
            dept.Name = name;
        }
        dept.ParentId = input.ParentId;
        dept.IsActive = input.IsActive;
        await SaveAsync(db, ct);
        return dept.Id;
    }

    public async Task<int> SaveStaffAsync(int? id, int expectedVersion, StaffInput input, CancellationToken ct = default)
    {
        var number = Require(input.EmployeeNumber, "employeeNumber", 32);
        var name = Require(input.FullName, "fullName", 100);
        if (input.Email is { Length: > 0 } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            throw new DomainException(ErrorCodes.Invalid, $"メールアドレスの形式が正しくありません: {email}");
        if (input.HiredOn is { } h && input.RetiredOn is { } r && r < h)
            throw new DomainException(ErrorCodes.Invalid, "退職日が採用日より前です");

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Staff.AnyAsync(s => s.EmployeeNumber == number && s.Id != id, ct))
            throw new DomainException(ErrorCodes.Duplicate, $"職員番号 {number} は既に登録されています");
        if (!await db.Departments.AnyAsync(d => d.Id == input.DepartmentId, ct))
            throw new DomainException(ErrorCodes.NotFound, "所属が見つかりません");

        StaffMember staff;
        if (id is null)
        {
            staff = new StaffMember { EmployeeNumber = number, FullName = name };
            db.Staff.Add(staff);
        }
        else
        {
            staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == id, ct)
                ?? throw new DomainException(ErrorCodes.NotFound, "職員が見つかりません");
            db.Entry(staff).Property(s => s.Version).OriginalValue = expectedVersion;
            staff.EmployeeNumber = number;
            staff.FullName = name;
        }
        staff.Kana = Trim(input.Kana);
        staff.DepartmentId = input.DepartmentId;
        staff.Title = Trim(input.Title);
        staff.Email = Trim(input.Email);
        staff.HiredOn = input.HiredOn;
        staff.RetiredOn = input.RetiredOn;
        await SaveAsync(db, ct);
        return staff.Id;
    }

    private static async Task SaveAsync(SecOpsDxDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.Conflict, "他の利用者が先に更新しました。再読み込みしてから編集してください。");
        }
    }

    private static string Require(string? value, string field, int maxLength)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) throw new DomainException(ErrorCodes.Invalid, $"{field} は必須です");
        if (v.Length > maxLength) throw new DomainException(ErrorCodes.Invalid, $"{field} は {maxLength} 文字以内です");
        return v;
    }

    private static string? Trim(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
}
