using System.DirectoryServices.Protocols;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>
/// The directory over LDAP (System.DirectoryServices.Protocols). A service account searches; a person's password is
/// only ever sent in a bind as that person, on a connection of its own, and is neither stored nor logged. Every call
/// answers within <see cref="DirectorySettings.TimeoutSeconds"/>.
/// </summary>
public sealed class LdapDirectory(IOptions<DirectorySettings> options, ILogger<LdapDirectory> log) : IDirectory
{
    private DirectorySettings Settings => options.Value;

    public async Task<DirectoryAnswer> AuthenticateAsync(string name, string password, CancellationToken ct = default)
    {
        // An empty password would make an "unauthenticated bind", which LDAP servers answer with success.
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password)) return new(DirectoryOutcome.WrongPassword);
        return await WithinTimeoutAsync(() => Authenticate(name.Trim(), password), DirectoryAnswer.Unreachable, ct);
    }

    public Task<IReadOnlyList<DirectoryPerson>?> ListPeopleAsync(CancellationToken ct = default) =>
        WithinTimeoutAsync<IReadOnlyList<DirectoryPerson>?>(ListPeople, null, ct, TimeSpan.FromMinutes(5));

    private DirectoryAnswer Authenticate(string name, string password)
    {
        var s = Settings;
        SearchResultEntry entry;
        DirectoryPerson person;
        using (var search = Connect())
        {
            if (search is null) return DirectoryAnswer.Unreachable;
            var filter = $"(&{s.UserFilter}{LdapFilter.AnyOf(s.LoginAttributes, name)})";
            var found = Search(search, s.UserBaseDn, filter, SearchScope.Subtree, PersonAttributes(), sizeLimit: 2);
            if (found.Count == 0) return new(DirectoryOutcome.UnknownName);
            if (found.Count > 1) return new(DirectoryOutcome.Ambiguous);
            entry = found[0];
            person = Describe(search, entry);
        }
        if (person.Disabled) return new(DirectoryOutcome.Disabled, person);

        using var asPerson = NewConnection();
        try
        {
            asPerson.Bind(new NetworkCredential(entry.DistinguishedName, password));
        }
        catch (LdapException e) when (e.ErrorCode == 49) // invalidCredentials
        {
            return new(DirectoryOutcome.WrongPassword, person);
        }
        catch (LdapException e)
        {
            log.LogWarning("Directory bind of a person failed: {Code} {Message}", e.ErrorCode, e.Message);
            return DirectoryAnswer.Unreachable;
        }
        return new(DirectoryOutcome.SignedIn, person);
    }

    /// <summary>
    /// Everyone under the user base in two searches, whatever their number: the people, then which of them are
    /// disabled. Groups are not read: the check needs only presence and state (roles follow groups at sign-in).
    /// </summary>
    private IReadOnlyList<DirectoryPerson>? ListPeople()
    {
        var s = Settings;
        using var search = Connect();
        if (search is null) return null;
        var people = Search(search, s.UserBaseDn, s.UserFilter, SearchScope.Subtree, PersonAttributes(), sizeLimit: 0);
        var disabled = string.IsNullOrWhiteSpace(s.DisabledFilter)
            ? []
            : Search(search, s.UserBaseDn, $"(&{s.UserFilter}{s.DisabledFilter})", SearchScope.Subtree, ["1.1"], sizeLimit: 0)
                .Select(e => e.DistinguishedName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return people.Select(e => Person(e, groups: [], disabled.Contains(e.DistinguishedName))).ToList();
    }

    private string[] PersonAttributes()
    {
        var s = Settings;
        return [s.IdAttribute, s.EmployeeNumberAttribute, s.EmailAttribute, s.DisplayNameAttribute];
    }

    /// <summary>One person at sign-in: whether they are disabled and which groups they are in, read for them alone.</summary>
    private DirectoryPerson Describe(LdapConnection search, SearchResultEntry entry)
    {
        var s = Settings;
        var dn = entry.DistinguishedName;
        var disabled = !string.IsNullOrWhiteSpace(s.DisabledFilter)
                       && Search(search, dn, s.DisabledFilter, SearchScope.Base, ["1.1"], sizeLimit: 1).Count > 0;
        var groupBase = string.IsNullOrWhiteSpace(s.GroupBaseDn) ? s.UserBaseDn : s.GroupBaseDn;
        var groups = Search(search, groupBase, s.GroupFilter.Replace("{0}", LdapFilter.Escape(dn), StringComparison.Ordinal),
                SearchScope.Subtree, ["1.1"], sizeLimit: 0)
            .Select(g => g.DistinguishedName).ToList();
        return Person(entry, groups, disabled);
    }

    private DirectoryPerson Person(SearchResultEntry entry, IReadOnlyList<string> groups, bool disabled)
    {
        var s = Settings;
        return new DirectoryPerson(
            Id: IdOf(entry) ?? entry.DistinguishedName,
            DistinguishedName: entry.DistinguishedName,
            EmployeeNumber: Text(entry, s.EmployeeNumberAttribute),
            Email: Text(entry, s.EmailAttribute),
            DisplayName: Text(entry, s.DisplayNameAttribute),
            Groups: groups,
            Disabled: disabled);
    }

    /// <summary>objectGUID arrives as 16 bytes; entryUUID and the like as text.</summary>
    private string? IdOf(SearchResultEntry entry)
    {
        var attribute = entry.Attributes[Settings.IdAttribute];
        if (attribute is null || attribute.Count == 0) return null;
        if (attribute[0] is byte[] { Length: 16 } bytes && Settings.IdAttribute.Equals("objectGUID", StringComparison.OrdinalIgnoreCase))
            return new Guid(bytes).ToString();
        return Text(entry, Settings.IdAttribute);
    }

    private static string? Text(SearchResultEntry entry, string attributeName)
    {
        var attribute = entry.Attributes[attributeName];
        if (attribute is null || attribute.Count == 0) return null;
        var value = attribute.GetValues(typeof(string)).OfType<string>().FirstOrDefault()?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private List<SearchResultEntry> Search(LdapConnection connection, string baseDn, string filter, SearchScope scope, string[] attributes, int sizeLimit)
    {
        var request = new SearchRequest(baseDn, filter, scope, attributes) { SizeLimit = sizeLimit, TimeLimit = TimeSpan.FromSeconds(Settings.TimeoutSeconds) };
        var results = new List<SearchResultEntry>();
        // Large directories hand out results a page at a time.
        var paging = new PageResultRequestControl(500);
        if (sizeLimit == 0) request.Controls.Add(paging);
        while (true)
        {
            SearchResponse response;
            try
            {
                response = (SearchResponse)connection.SendRequest(request);
            }
            catch (DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.NoSuchObject)
            {
                return results;
            }
            catch (DirectoryOperationException e) when (e.Response?.ResultCode is ResultCode.SizeLimitExceeded && e.Response is SearchResponse partial)
            {
                results.AddRange(partial.Entries.Cast<SearchResultEntry>());
                return results;
            }
            results.AddRange(response.Entries.Cast<SearchResultEntry>());
            var next = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault();
            if (sizeLimit != 0 || next is null || next.Cookie.Length == 0) return results;
            paging.Cookie = next.Cookie;
        }
    }

    private LdapConnection NewConnection()
    {
        var s = Settings;
        var connection = new LdapConnection(new LdapDirectoryIdentifier(s.Host, s.EffectivePort, fullyQualifiedDnsHostName: false, connectionless: false))
        {
            AuthType = AuthType.Basic,
            Timeout = TimeSpan.FromSeconds(s.TimeoutSeconds),
        };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        // Certificates are checked against the system's trusted CAs (libldap's default on Linux: demand a valid one).
        if (s.Transport == DirectoryTransport.Ldaps) connection.SessionOptions.SecureSocketLayer = true;
        if (s.Transport == DirectoryTransport.StartTls) connection.SessionOptions.StartTransportLayerSecurity(null);
        return connection;
    }

    /// <summary>A connection bound as the service account; null (logged) when the directory cannot be reached or refuses it.</summary>
    private LdapConnection? Connect()
    {
        LdapConnection? connection = null;
        try
        {
            connection = NewConnection();
            connection.Bind(new NetworkCredential(Settings.BindDn, Settings.BindPassword));
            return connection;
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or TlsOperationException)
        {
            connection?.Dispose();
            log.LogError("Directory {Host}:{Port} cannot be used: {Message}", Settings.Host, Settings.EffectivePort, e.Message);
            return null;
        }
    }

    private async Task<T> WithinTimeoutAsync<T>(Func<T> work, T onTimeout, CancellationToken ct, TimeSpan? limit = null)
    {
        // The LDAP library blocks; its own timeouts do not cover every stage of a connect, so the wait is capped here too.
        var task = Task.Run(work, ct);
        try
        {
            return await task.WaitAsync(limit ?? TimeSpan.FromSeconds(Settings.TimeoutSeconds), ct);
        }
        catch (TimeoutException)
        {
            log.LogError("Directory {Host}:{Port} did not answer within {Seconds} s", Settings.Host, Settings.EffectivePort, Settings.TimeoutSeconds);
            return onTimeout;
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or TlsOperationException)
        {
            log.LogError("Directory {Host}:{Port} failed: {Message}", Settings.Host, Settings.EffectivePort, e.Message);
            return onTimeout;
        }
    }
}
