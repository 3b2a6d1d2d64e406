namespace SecOpsDx.Core.Organization;

/// <summary>The longest text each field of a department or staff record keeps, for the forms, the roster import and the columns.</summary>
public static class OrganizationLimits
{
    public const int Code = 32;
    public const int Name = 100;
    public const int EmployeeNumber = 32;
    public const int FullName = 100;
    public const int Kana = 100;
    public const int Position = 100;
}
