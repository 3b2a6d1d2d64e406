namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>How the connection to the directory is protected.</summary>
public enum DirectoryTransport
{
    /// <summary>LDAP over TLS (ldaps://, usually port 636).</summary>
    Ldaps,

    /// <summary>Plain LDAP upgraded with StartTLS before anything is sent (usually port 389).</summary>
    StartTls,

    /// <summary>Unencrypted: passwords cross the network in clear. Only with <see cref="DirectorySettings.AllowPlainLdap"/>, for a lab.</summary>
    Plain,
}

/// <summary>One directory group whose members get one role.</summary>
public sealed class DirectoryGroupRole
{
    /// <summary>The group's distinguished name, e.g. CN=SecOpsDx-CSIRT,OU=Groups,DC=city,DC=local.</summary>
    public string Group { get; set; } = "";

    public string Role { get; set; } = "";
}

/// <summary>
/// "SecOpsDx:Directory": sign-in against the municipality's directory (Active Directory or another LDAP server).
/// The defaults suit Active Directory; an OpenLDAP directory sets the attribute names it uses.
/// </summary>
public sealed class DirectorySettings
{
    public const string Section = "SecOpsDx:Directory";

    public bool Enabled { get; set; }

    public string Host { get; set; } = "";

    /// <summary>0 = the transport's usual port (636 for LDAPS, 389 otherwise).</summary>
    public int Port { get; set; }

    public DirectoryTransport Transport { get; set; } = DirectoryTransport.Ldaps;

    /// <summary>Must be true for <see cref="DirectoryTransport.Plain"/>; refused otherwise, so a typo never sends passwords in clear.</summary>
    public bool AllowPlainLdap { get; set; }

    /// <summary>The service account that searches (never used to sign anyone in). Its password comes from the environment.</summary>
    public string BindDn { get; set; } = "";

    public string BindPassword { get; set; } = "";

    /// <summary>Where people are searched, e.g. OU=Staff,DC=city,DC=local.</summary>
    public string UserBaseDn { get; set; } = "";

    /// <summary>Only entries matching this are people who may sign in.</summary>
    public string UserFilter { get; set; } = "(&(objectCategory=person)(objectClass=user))";

    /// <summary>The attributes a typed user name is matched against (any of them).</summary>
    public string[] LoginAttributes { get; set; } = ["sAMAccountName", "userPrincipalName", "mail"];

    /// <summary>An attribute that never changes for a person (objectGUID in AD, entryUUID in OpenLDAP); links the account.</summary>
    public string IdAttribute { get; set; } = "objectGUID";

    /// <summary>Holds the 職員番号 that links a directory account to its staff record.</summary>
    public string EmployeeNumberAttribute { get; set; } = "employeeID";

    public string EmailAttribute { get; set; } = "mail";

    public string DisplayNameAttribute { get; set; } = "displayName";

    /// <summary>A person matching this is disabled in the directory (AD: the ACCOUNTDISABLE bit of userAccountControl).</summary>
    public string DisabledFilter { get; set; } = "(userAccountControl:1.2.840.113556.1.4.803:=2)";

    /// <summary>Where groups are searched; empty = <see cref="UserBaseDn"/>.</summary>
    public string GroupBaseDn { get; set; } = "";

    /// <summary>
    /// Groups a person belongs to; {0} is replaced by the person's escaped DN. The default asks Active Directory for
    /// every group the person is in, directly or through groups inside groups (LDAP_MATCHING_RULE_IN_CHAIN).
    /// </summary>
    public string GroupFilter { get; set; } = "(&(objectClass=group)(member" + MatchingRuleInChain + "={0}))";

    /// <summary>Active Directory's matching rule that follows membership through nested groups (MS-ADTS 3.1.1.3.4.4.3).</summary>
    public const string MatchingRuleInChain = ":1.2.840.113556.1.4.1941:";

    /// <summary>
    /// For a <see cref="GroupFilter"/> without <see cref="MatchingRuleInChain"/> (OpenLDAP and other directories),
    /// how many levels of groups inside groups are followed; 0 = direct membership only.
    /// </summary>
    public int GroupNestingDepth { get; set; } = 8;

    /// <summary>True when the directory itself resolves nesting, so no walk is needed.</summary>
    public bool DirectoryResolvesNesting => GroupFilter.Contains(MatchingRuleInChain, StringComparison.Ordinal);

    /// <summary>
    /// A person's account end date (AD: accountExpires, 100-ns intervals since 1601; 0 and 0x7FFFFFFFFFFFFFFF mean
    /// never). Empty = the directory has no such attribute.
    /// </summary>
    public string AccountExpiresAttribute { get; set; } = "accountExpires";

    /// <summary>
    /// Linux: a folder of PEM CA certificates trusted for the directory's certificate, instead of the system's
    /// (e.g. the municipality's internal CA). Empty = the system's trusted CAs (or LDAPTLS_CACERT).
    /// </summary>
    public string TrustedCaDirectory { get; set; } = "";

    /// <summary>
    /// Local accounts (user name or e-mail) that keep their own password even when linked to a directory identity:
    /// the break-glass administrators who must get in while the directory is down. Every other linked account signs in
    /// through the directory only.
    /// </summary>
    public string[] BreakGlassAccounts { get; set; } = [];

    public bool IsBreakGlass(string? userName, string? email) =>
        BreakGlassAccounts.Any(a => !string.IsNullOrWhiteSpace(a)
                                    && (string.Equals(a.Trim(), userName, StringComparison.OrdinalIgnoreCase)
                                        || string.Equals(a.Trim(), email, StringComparison.OrdinalIgnoreCase)));

    public List<DirectoryGroupRole> GroupRoles { get; set; } = [];

    /// <summary>
    /// Roles an Admin may also give by hand to a directory account: the group mapping adds them but never takes them
    /// away. Every other role of a directory account follows its groups at each sign-in.
    /// </summary>
    public string[] LocallyAssignableRoles { get; set; } = [];

    /// <summary>A sign-in answers within this time even when the directory does not.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    public int EffectivePort => Port > 0 ? Port : Transport == DirectoryTransport.Ldaps ? 636 : 389;

    /// <summary>Problems that stop the start, each naming its setting; empty when the settings can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!Enabled) return [];
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) problems.Add($"{Section}:Host is empty");
        if (string.IsNullOrWhiteSpace(UserBaseDn)) problems.Add($"{Section}:UserBaseDn is empty");
        if (string.IsNullOrWhiteSpace(BindDn)) problems.Add($"{Section}:BindDn is empty (a service account searches the directory)");
        if (Transport == DirectoryTransport.Plain && !AllowPlainLdap)
            problems.Add($"{Section}:Transport is Plain, which sends passwords unencrypted; set {Section}:AllowPlainLdap=true only for a lab");
        if (LoginAttributes.Length == 0) problems.Add($"{Section}:LoginAttributes names no attribute");
        if (!GroupFilter.Contains("{0}", StringComparison.Ordinal)) problems.Add($"{Section}:GroupFilter must contain {{0}} for the person's DN");
        foreach (var (mapping, i) in GroupRoles.Select((m, i) => (m, i)))
        {
            if (!Roles.All.Contains(mapping.Role)) problems.Add($"{Section}:GroupRoles:{i}:Role '{mapping.Role}' is not a role ({string.Join(", ", Roles.All)})");
            if (string.IsNullOrWhiteSpace(mapping.Group)) problems.Add($"{Section}:GroupRoles:{i}:Group is empty");
        }
        foreach (var role in LocallyAssignableRoles.Where(r => !Roles.All.Contains(r)))
            problems.Add($"{Section}:LocallyAssignableRoles names '{role}', which is not a role");
        if (TimeoutSeconds is < 1 or > 60) problems.Add($"{Section}:TimeoutSeconds must be between 1 and 60");
        if (GroupNestingDepth is < 0 or > 32) problems.Add($"{Section}:GroupNestingDepth must be between 0 and 32");
        if (!string.IsNullOrWhiteSpace(TrustedCaDirectory))
        {
            if (OperatingSystem.IsWindows())
                problems.Add($"{Section}:TrustedCaDirectory is for Linux; on Windows, put the CA in the computer's Trusted Root Certification Authorities store");
            else if (!Directory.Exists(TrustedCaDirectory))
                problems.Add($"{Section}:TrustedCaDirectory '{TrustedCaDirectory}' is not a folder");
        }
        return problems;
    }
}
