namespace SecOpsDx.Core.Organization.Ldap;

public enum DirectoryFindingKind
{
    /// <summary>The directory account linked to the staff record no longer exists.</summary>
    Missing,
    /// <summary>It exists but is disabled.</summary>
    Disabled,
    /// <summary>It exists, but its end date (AD accountExpires) has passed, as for 会計年度任用職員 whose term ended.</summary>
    Expired,
}

public enum DirectoryFindingResolution
{
    /// <summary>The Admin confirmed the person has left: the staff record got its 退職日 and the account was locked.</summary>
    ConfirmedRetired,
    /// <summary>The Admin saw it and decided it needs nothing (e.g. long leave).</summary>
    Dismissed,
    /// <summary>A later check found the directory account present and enabled again.</summary>
    Restored,
}

/// <summary>What sync-directory found about a linked staff member, for an Admin to confirm.</summary>
public class DirectoryFinding : IVersioned
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public DirectoryFindingKind Kind { get; set; }
    public DateTime FoundAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DirectoryFindingResolution? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public int Version { get; set; }
}
