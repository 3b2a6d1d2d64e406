using Microsoft.AspNetCore.Identity;

namespace SecOpsDx.Core.Organization;

/// <summary>A sign-in account. The person behind it is a <see cref="StaffMember"/>.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>UI language chosen by the user ("ja" or "en"); null means the organisation default.</summary>
    public string? PreferredCulture { get; set; }

    /// <summary>How dates are shown to this user: 和暦 or western.</summary>
    public string? DateStyle { get; set; }

    public string? DisplayName { get; set; }
}
