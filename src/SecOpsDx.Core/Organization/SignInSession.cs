namespace SecOpsDx.Core.Organization;

/// <summary>
/// One signed-in browser. The sign-in cookie carries its id; the session stands while it is not ended and the
/// account's security stamp is still the one it was issued with. Signing out ends this row alone; "sign out
/// everywhere", a lock, a role change and a password reset change the stamp and so end every row of the account.
/// </summary>
public class SignInSession
{
    /// <summary>128 random bits, hex. Known only to the cookie (which is encrypted) and this row.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }

    /// <summary>The account's stamp when the session was issued or last refreshed (masked in the audit trail).</summary>
    public required string SecurityStamp { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>The client's address as the app saw it (after trusted proxies).</summary>
    public string? ClientAddress { get; set; }

    /// <summary>The browser's own description, shortened, so a person can tell their sessions apart.</summary>
    public string? ClientAgent { get; set; }
}
