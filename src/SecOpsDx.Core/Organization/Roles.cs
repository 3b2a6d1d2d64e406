namespace SecOpsDx.Core.Organization;

/// <summary>The application roles. Names are stored in the database; do not rename.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Ciso = "Ciso";
    public const string Csirt = "Csirt";
    public const string Manager = "Manager";
    public const string Staff = "Staff";

    public static readonly IReadOnlyList<string> All = [Admin, Ciso, Csirt, Manager, Staff];

    /// <summary>Roles for which the organisation may require two-factor sign-in.</summary>
    public static readonly IReadOnlyList<string> Privileged = [Admin, Ciso, Csirt];
}
