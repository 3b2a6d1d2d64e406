namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>The name a person types at sign-in, as the directory is asked about it.</summary>
public static class LoginNames
{
    /// <summary>NetBIOS domain names are at most 15 characters.</summary>
    private const int MaxDomainLength = 15;

    /// <summary>
    /// "MIRAI\sato", as Windows users type their name, is "sato": the domain part names the directory SecOpsDx already
    /// asks, and the bind as the person checks the password whatever it says. Anything else is kept as typed (trimmed).
    /// </summary>
    public static string Canonical(string name)
    {
        var trimmed = name.Trim();
        var slash = trimmed.IndexOf('\\');
        if (slash is <= 0 or > MaxDomainLength || slash == trimmed.Length - 1) return trimmed;
        if (trimmed.IndexOf('\\', slash + 1) >= 0 || trimmed.AsSpan(0, slash).IndexOfAny("@ ") >= 0) return trimmed;
        return trimmed[(slash + 1)..].Trim();
    }
}
