namespace SecOpsDx.Core.Organization;

/// <summary>A member of staff (職員等), including 会計年度任用職員.</summary>
public class StaffMember : IVersioned
{
    public int Id { get; set; }

    /// <summary>職員番号, unique.</summary>
    public required string EmployeeNumber { get; set; }

    /// <summary>氏名.</summary>
    public required string FullName { get; set; }

    /// <summary>ふりがな.</summary>
    public string? Kana { get; set; }

    public int DepartmentId { get; set; }
    public Department? Department { get; set; }

    /// <summary>役職.</summary>
    public string? Title { get; set; }

    public string? Email { get; set; }

    /// <summary>採用日.</summary>
    public DateOnly? HiredOn { get; set; }

    /// <summary>退職日. Staff who left stay in the register.</summary>
    public DateOnly? RetiredOn { get; set; }

    /// <summary>雇用区分.</summary>
    public EmploymentCategory Category { get; set; } = EmploymentCategory.Regular;

    /// <summary>The sign-in account of this person, if any.</summary>
    public string? UserId { get; set; }
    public ApplicationUser? User { get; set; }

    public int Version { get; set; }

    public bool IsActiveOn(DateOnly day) =>
        (HiredOn is null || HiredOn <= day) && (RetiredOn is null || RetiredOn >= day);
}
