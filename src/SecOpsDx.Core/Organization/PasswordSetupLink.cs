namespace SecOpsDx.Core.Organization;

/// <summary>
/// A one-time link with which a person sets the first password of an account made for them. Only the token's
/// SHA-256 is stored; the link itself exists on the sheet handed out. It works once, until it expires.
/// </summary>
public class PasswordSetupLink
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
