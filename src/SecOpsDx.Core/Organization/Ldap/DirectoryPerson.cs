namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>A person as the directory describes them. Their password is never part of it.</summary>
public sealed record DirectoryPerson(
    string Id,
    string DistinguishedName,
    string? EmployeeNumber,
    string? Email,
    string? DisplayName,
    IReadOnlyList<string> Groups,
    bool Disabled,
    DateTimeOffset? ExpiresAt = null)
{
    /// <summary>The directory's end date for the account has passed (会計年度任用職員 end on a date).</summary>
    public bool ExpiredAt(DateTimeOffset now) => ExpiresAt is { } end && end <= now;
}

public enum DirectoryOutcome
{
    SignedIn,
    /// <summary>No person with that name; told to the user exactly like a wrong password.</summary>
    UnknownName,
    WrongPassword,
    Disabled,
    /// <summary>The name matches more than one person: nobody is signed in.</summary>
    Ambiguous,
    /// <summary>The directory did not answer in time, or refused the service account.</summary>
    Unreachable,
    /// <summary>The password is right, but Windows wants it changed first (AD 773 "must reset", 532 "expired").</summary>
    MustChangePassword,
    /// <summary>The password is right, but the account's end date has passed (AD 701).</summary>
    AccountExpired,
    /// <summary>The directory has locked the account after wrong passwords (AD 775), whatever was typed now.</summary>
    LockedInDirectory,
    /// <summary>The password is right, but not at this time or from this computer (AD 530, 531).</summary>
    Restricted,
}

/// <summary>
/// What the directory said. <see cref="DirectoryCode"/> is the directory's own reason (AD's "data" code such as
/// 773), for the log; <see cref="Problem"/> says why an unreachable directory could not be used.
/// </summary>
public sealed record DirectoryAnswer(DirectoryOutcome Outcome, DirectoryPerson? Person = null, string? DirectoryCode = null, DirectoryProblem? Problem = null)
{
    public static DirectoryAnswer Unreachable(DirectoryProblem problem) => new(DirectoryOutcome.Unreachable, Problem: problem);
}

public enum DirectoryProblemKind
{
    /// <summary>Nothing accepted a connection at the configured host and port.</summary>
    Unreachable,
    /// <summary>A connection was made but the directory did not answer within the timeout.</summary>
    NoAnswer,
    /// <summary>The directory's certificate was refused (see <see cref="DirectoryProblem.CertificateFaults"/>).</summary>
    CertificateRefused,
    /// <summary>TLS could not be set up, for a reason other than the certificate (e.g. StartTLS refused).</summary>
    TlsFailed,
    /// <summary>The service account's bind was refused (wrong BindDn or BindPassword, or the account is disabled).</summary>
    ServiceAccountRefused,
    /// <summary>Any other error the directory or the LDAP library reported.</summary>
    Failed,
}

[Flags]
public enum CertificateFaults
{
    None = 0,
    /// <summary>Not issued by a trusted CA (the chain ends at an unknown or untrusted root).</summary>
    UntrustedIssuer = 1,
    /// <summary>Issued for another name than the configured host.</summary>
    NameMismatch = 2,
    /// <summary>Outside its validity dates.</summary>
    Expired = 4,
    Revoked = 8,
    Other = 16,
}

/// <summary>Why the directory could not be used, with the certificate's subject, issuer and end date when it was refused.</summary>
public sealed record DirectoryProblem(DirectoryProblemKind Kind, string Detail, CertificateFaults CertificateFaults = CertificateFaults.None,
    string? CertificateSubject = null, string? CertificateIssuer = null, DateTimeOffset? CertificateNotAfter = null)
{
    public override string ToString() => Kind == DirectoryProblemKind.CertificateRefused
        ? $"{Kind} ({CertificateFaults}; subject {CertificateSubject}, issuer {CertificateIssuer}, valid until {CertificateNotAfter:yyyy-MM-dd}): {Detail}"
        : $"{Kind}: {Detail}";
}

/// <summary>Everyone under the user base, or why the directory could not be read.</summary>
public sealed record DirectoryListing(IReadOnlyList<DirectoryPerson>? People, DirectoryProblem? Problem);

/// <summary>The municipality's directory, as sign-in and the nightly check use it.</summary>
public interface IDirectory
{
    /// <summary>Checks a typed name and password with a bind as that person; the password is used for that bind alone.</summary>
    Task<DirectoryAnswer> AuthenticateAsync(string name, string password, CancellationToken ct = default);

    /// <summary>Every person under the user base (for sync-directory), without their groups; or why the directory cannot be read.</summary>
    Task<DirectoryListing> ListPeopleAsync(CancellationToken ct = default);
}
