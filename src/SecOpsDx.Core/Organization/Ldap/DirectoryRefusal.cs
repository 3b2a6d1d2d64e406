namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>Why the directory said yes but SecOpsDx still refused, or why the directory said no in a way worth keeping.</summary>
public enum DirectoryRefusalReason
{
    /// <summary>Signed in to the directory, but no staff record carries their 職員番号 or e-mail.</summary>
    NoStaffRecord,
    /// <summary>The staff record says they have left.</summary>
    StaffRetired,
    /// <summary>Neither the directory nor the roster has an e-mail address for the account.</summary>
    NoEmail,
    /// <summary>Disabled in the directory.</summary>
    DirectoryDisabled,
    /// <summary>The typed name matched several people in the directory.</summary>
    Ambiguous,
    /// <summary>The password was right, but Windows requires it to be changed first.</summary>
    MustChangePassword,
    /// <summary>The password was right, but the directory account's end date has passed.</summary>
    AccountExpired,
    /// <summary>The directory has locked the account.</summary>
    LockedInDirectory,
    /// <summary>The password was right, but the directory allows no sign-in at this time or from this computer.</summary>
    Restricted,
}

/// <summary>A refused directory sign-in, kept (and so audited) so an Admin can see who tried and why.</summary>
public class DirectoryRefusal
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string LoginName { get; set; }
    public DirectoryRefusalReason Reason { get; set; }
    public string? EmployeeNumber { get; set; }
    public string? ClientAddress { get; set; }
}
