namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>A person as the directory describes them. Their password is never part of it.</summary>
public sealed record DirectoryPerson(
    string Id,
    string DistinguishedName,
    string? EmployeeNumber,
    string? Email,
    string? DisplayName,
    IReadOnlyList<string> Groups,
    bool Disabled);

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
}

public sealed record DirectoryAnswer(DirectoryOutcome Outcome, DirectoryPerson? Person = null)
{
    public static readonly DirectoryAnswer Unreachable = new(DirectoryOutcome.Unreachable);
}

/// <summary>The municipality's directory, as sign-in and the nightly check use it.</summary>
public interface IDirectory
{
    /// <summary>Checks a typed name and password with a bind as that person; the password is used for that bind alone.</summary>
    Task<DirectoryAnswer> AuthenticateAsync(string name, string password, CancellationToken ct = default);

    /// <summary>Every person under the user base (for sync-directory), without their groups; null when the directory cannot be reached.</summary>
    Task<IReadOnlyList<DirectoryPerson>?> ListPeopleAsync(CancellationToken ct = default);
}
