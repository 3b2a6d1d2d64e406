using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>
/// The directory over LDAP (System.DirectoryServices.Protocols). A service account searches; a person's password is
/// only ever sent in a bind as that person, on a connection of its own, and is neither stored nor logged. Every call
/// answers within <see cref="DirectorySettings.TimeoutSeconds"/>, and the LDAP calls behind it end by then too, so a
/// directory that stops answering holds no thread or socket.
/// </summary>
public sealed partial class LdapDirectory(IOptions<DirectorySettings> options, ILogger<LdapDirectory> log, TimeProvider time) : IDirectory
{
    private DirectorySettings Settings => options.Value;

    public async Task<DirectoryAnswer> AuthenticateAsync(string name, string password, CancellationToken ct = default)
    {
        // An empty password would make an "unauthenticated bind", which LDAP servers answer with success.
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password)) return new(DirectoryOutcome.WrongPassword);
        return await WithinTimeoutAsync(() => Authenticate(LoginNames.Canonical(name), password), DirectoryAnswer.Unreachable, ct);
    }

    public Task<DirectoryListing> ListPeopleAsync(CancellationToken ct = default) =>
        WithinTimeoutAsync(ListPeople, problem => new DirectoryListing(null, problem), ct, TimeSpan.FromMinutes(5));

    private DirectoryAnswer Authenticate(string name, string password)
    {
        var s = Settings;
        SearchResultEntry entry;
        DirectoryPerson person;
        using (var search = Connect(out var problem))
        {
            if (search is null) return DirectoryAnswer.Unreachable(problem!);
            var filter = $"(&{s.UserFilter}{LdapFilter.AnyOf(s.LoginAttributes, name)})";
            var found = Search(search, s.UserBaseDn, filter, SearchScope.Subtree, PersonAttributes(), sizeLimit: 2);
            if (found.Count == 0) return new(DirectoryOutcome.UnknownName);
            if (found.Count > 1) return new(DirectoryOutcome.Ambiguous);
            entry = found[0];
            person = Describe(search, entry);
        }

        // The person's own bind comes first: what the directory says about the account (disabled, expired, must
        // change the password) is only told to someone who knows the password. AD's one exception is its lockout,
        // which it reports whatever was typed.
        LdapConnection asPerson;
        try
        {
            asPerson = Open();
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or TlsOperationException)
        {
            return DirectoryAnswer.Unreachable(Explain(e));
        }
        using (asPerson)
        {
            try
            {
                asPerson.Bind(new NetworkCredential(entry.DistinguishedName, password));
            }
            catch (LdapException e) when (e.ErrorCode == 49) // invalidCredentials
            {
                var code = ActiveDirectoryCode(e.ServerErrorMessage);
                var outcome = code switch
                {
                    // MS-ADTS / [MS-ERREF] Win32 codes in AD's bind diagnostic ("… AcceptSecurityContext error, data 773, …"):
                    // 773 ERROR_PASSWORD_MUST_CHANGE, 532 ERROR_PASSWORD_EXPIRED, 701 ERROR_ACCOUNT_EXPIRED,
                    // 775 ERROR_ACCOUNT_LOCKED_OUT, 533 ERROR_ACCOUNT_DISABLED, 530 ERROR_INVALID_LOGON_HOURS,
                    // 531 ERROR_INVALID_WORKSTATION; 52e (ERROR_LOGON_FAILURE) and 525 (no such user) are a wrong password.
                    "773" or "532" => DirectoryOutcome.MustChangePassword,
                    "701" => DirectoryOutcome.AccountExpired,
                    "775" => DirectoryOutcome.LockedInDirectory,
                    "533" => DirectoryOutcome.Disabled,
                    "530" or "531" => DirectoryOutcome.Restricted,
                    _ => DirectoryOutcome.WrongPassword,
                };
                if (outcome != DirectoryOutcome.WrongPassword)
                    log.LogWarning("Directory refused the bind of {Dn}: {Outcome} (directory code {Code})", entry.DistinguishedName, outcome, code);
                return new(outcome, person, code);
            }
            catch (Exception e) when (e is LdapException or DirectoryOperationException)
            {
                var problem = Explain(e);
                log.LogWarning("Directory bind of a person failed: {Problem}", problem);
                return DirectoryAnswer.Unreachable(problem);
            }
        }
        // Directories without AD's own refusals (OpenLDAP) let a disabled or expired person bind: the filters decide.
        if (person.Disabled) return new(DirectoryOutcome.Disabled, person);
        if (person.ExpiredAt(time.GetUtcNow())) return new(DirectoryOutcome.AccountExpired, person);
        return new(DirectoryOutcome.SignedIn, person);
    }

    /// <summary>AD's Win32 reason in a bind refusal's diagnostic message ("data 773"), lower case; null when absent.</summary>
    public static string? ActiveDirectoryCode(string? diagnostic) =>
        diagnostic is not null && DataCode().Match(diagnostic) is { Success: true } m ? m.Groups[1].Value.ToLowerInvariant() : null;

    [GeneratedRegex(@"\bdata ([0-9a-fA-F]{1,8})\b")]
    private static partial Regex DataCode();

    /// <summary>
    /// Everyone under the user base in two searches, whatever their number: the people, then which of them are
    /// disabled. Groups are not read: the check needs only presence, state and end date (roles follow groups at sign-in).
    /// </summary>
    private DirectoryListing ListPeople()
    {
        var s = Settings;
        using var search = Connect(out var problem);
        if (search is null) return new DirectoryListing(null, problem);
        var people = Search(search, s.UserBaseDn, s.UserFilter, SearchScope.Subtree, PersonAttributes(), sizeLimit: 0);
        var disabled = string.IsNullOrWhiteSpace(s.DisabledFilter)
            ? []
            : Search(search, s.UserBaseDn, $"(&{s.UserFilter}{s.DisabledFilter})", SearchScope.Subtree, ["1.1"], sizeLimit: 0)
                .Select(e => e.DistinguishedName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new DirectoryListing(people.Select(e => Person(e, groups: [], disabled.Contains(e.DistinguishedName))).ToList(), null);
    }

    private string[] PersonAttributes()
    {
        var s = Settings;
        string[] attributes = [s.IdAttribute, s.EmployeeNumberAttribute, s.EmailAttribute, s.DisplayNameAttribute];
        return string.IsNullOrWhiteSpace(s.AccountExpiresAttribute) ? attributes : [.. attributes, s.AccountExpiresAttribute];
    }

    /// <summary>One person at sign-in: whether they are disabled and which groups they are in, read for them alone.</summary>
    private DirectoryPerson Describe(LdapConnection search, SearchResultEntry entry)
    {
        var s = Settings;
        var dn = entry.DistinguishedName;
        var disabled = !string.IsNullOrWhiteSpace(s.DisabledFilter)
                       && Search(search, dn, s.DisabledFilter, SearchScope.Base, ["1.1"], sizeLimit: 1).Count > 0;
        return Person(entry, GroupsOf(search, dn), disabled);
    }

    /// <summary>
    /// The person's groups, including groups that contain their groups: in one search where the filter asks the
    /// directory to follow nesting (AD), otherwise level by level up to <see cref="DirectorySettings.GroupNestingDepth"/>,
    /// never visiting a group twice (a loop of groups ends the walk).
    /// </summary>
    private List<string> GroupsOf(LdapConnection search, string dn)
    {
        var s = Settings;
        var groupBase = string.IsNullOrWhiteSpace(s.GroupBaseDn) ? s.UserBaseDn : s.GroupBaseDn;
        List<string> Containing(IReadOnlyList<string> members)
        {
            var found = new List<string>();
            // Batches keep each filter a reasonable size however many groups one level has.
            foreach (var batch in members.Chunk(50))
            {
                var parts = batch.Select(m => s.GroupFilter.Replace("{0}", LdapFilter.Escape(m), StringComparison.Ordinal)).ToList();
                var filter = parts.Count == 1 ? parts[0] : $"(|{string.Concat(parts)})";
                found.AddRange(Search(search, groupBase, filter, SearchScope.Subtree, ["1.1"], sizeLimit: 0).Select(g => g.DistinguishedName));
            }
            return found;
        }

        var groups = Containing([dn]);
        if (s.DirectoryResolvesNesting) return groups;
        var seen = new HashSet<string>(groups, StringComparer.OrdinalIgnoreCase);
        var level = groups.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        for (var depth = 1; depth <= s.GroupNestingDepth && level.Count > 0; depth++)
        {
            level = Containing(level).Where(seen.Add).ToList();
            groups.AddRange(level);
        }
        return groups;
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
            Disabled: disabled,
            ExpiresAt: string.IsNullOrWhiteSpace(s.AccountExpiresAttribute) ? null : AccountExpires(Text(entry, s.AccountExpiresAttribute)));
    }

    /// <summary>
    /// AD's accountExpires ([MS-ADA1] 2.23): 100-ns intervals since 1601-01-01 UTC; 0 and 0x7FFFFFFFFFFFFFFF mean the
    /// account never ends. A directory may also give a generalized time (20270331150000Z).
    /// </summary>
    public static DateTimeOffset? AccountExpires(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
            return ticks is <= 0 or long.MaxValue || ticks > DateTimeOffset.MaxValue.ToFileTime() ? null : DateTimeOffset.FromFileTime(ticks).ToUniversalTime();
        return DateTimeOffset.TryParseExact(value, ["yyyyMMddHHmmss'Z'", "yyyyMMddHHmmss.f'Z'", "yyyyMMddHHmmsszzz"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
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

    /// <summary>
    /// A connection to the configured server, with TLS in place when the transport asks for it, bound to nobody yet.
    /// Throws when the server cannot be reached or its TLS refused.
    /// </summary>
    private LdapConnection Open()
    {
        var s = Settings;
        var connection = LdapLibraryTimeouts.Create(s.TimeoutSeconds,
            () => new LdapConnection(new LdapDirectoryIdentifier(s.Host, s.EffectivePort, fullyQualifiedDnsHostName: false, connectionless: false)));
        try
        {
            connection.AuthType = AuthType.Basic;
            connection.Timeout = TimeSpan.FromSeconds(s.TimeoutSeconds);
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            // Certificates are checked against the configured CA folder, or the system's trusted CAs (libldap's
            // default on Linux: demand a valid certificate for the host name).
            if (!string.IsNullOrWhiteSpace(s.TrustedCaDirectory) && !OperatingSystem.IsWindows())
            {
                connection.SessionOptions.TrustedCertificatesDirectory = s.TrustedCaDirectory;
                connection.SessionOptions.StartNewTlsSessionContext();
            }
            if (s.Transport == DirectoryTransport.Ldaps) connection.SessionOptions.SecureSocketLayer = true;
            if (s.Transport == DirectoryTransport.StartTls)
            {
                // On Linux the LDAP library is only told the server's address when the first request goes out, and
                // StartTLS is not a request it counts: started first, TLS went to localhost:389 whatever Host said.
                // So the first request is an anonymous read of the root entry, which every directory answers to anyone
                // and which carries nothing secret; it opens the connection to the configured server, and TLS then
                // starts on that connection before any password is sent.
                connection.AutoBind = false;
                try
                {
                    connection.SendRequest(new SearchRequest("", "(objectClass=*)", SearchScope.Base, "1.1"));
                }
                catch (DirectoryOperationException)
                {
                    // A directory that refuses anonymous reads still answered: the connection is open.
                }
                connection.SessionOptions.StartTransportLayerSecurity(null);
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A connection bound as the service account; null (with the reason, logged) when the directory cannot be used.</summary>
    private LdapConnection? Connect(out DirectoryProblem? problem)
    {
        LdapConnection? connection = null;
        try
        {
            connection = Open();
            connection.Bind(new NetworkCredential(Settings.BindDn, Settings.BindPassword));
            problem = null;
            return connection;
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or TlsOperationException)
        {
            connection?.Dispose();
            problem = connection is not null && e is LdapException { ErrorCode: 49 }
                ? new DirectoryProblem(DirectoryProblemKind.ServiceAccountRefused, $"the bind of {Settings.BindDn} was refused ({e.Message})")
                : Explain(e);
            log.LogError("Directory {Host}:{Port} cannot be used: {Problem}", Settings.Host, Settings.EffectivePort, problem);
            return null;
        }
    }

    /// <summary>Turns the library's few error codes into the reason: no answer, nothing listening, or the certificate.</summary>
    private DirectoryProblem Explain(Exception e)
    {
        var message = e is LdapException le ? $"{le.Message} (LDAP {le.ErrorCode}{(string.IsNullOrEmpty(le.ServerErrorMessage) ? "" : ", " + le.ServerErrorMessage)})" : e.Message;
        // 85 LDAP_TIMEOUT (-5 in libldap, reported as 85): the server took the connection but did not answer in time.
        if (e is LdapException { ErrorCode: 85 or -5 }) return new DirectoryProblem(DirectoryProblemKind.NoAnswer, message);
        // 81 LDAP_SERVER_DOWN and 91 LDAP_CONNECT_ERROR (-1 and -11 in libldap) are all the library says, whether
        // nothing listens or TLS failed; only then is the connection tried again to find out which. Any other error
        // (a refused search, a bad filter) is the directory's own answer and is reported as it is.
        if (e is not (TlsOperationException or LdapException { ErrorCode: 81 or 91 or -1 or -11 }))
            return new DirectoryProblem(DirectoryProblemKind.Failed, message);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(Settings.TimeoutSeconds));
        try
        {
            // Called on the worker thread of the blocking LDAP call (or, for a late failure, on the caller's): the
            // probe is short and bounded by the same timeout.
            return TlsProbe.DiagnoseAsync(Settings, message, cts.Token).GetAwaiter().GetResult();
        }
        catch (Exception probeError) when (probeError is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return new DirectoryProblem(DirectoryProblemKind.Failed, message);
        }
    }

    private async Task<T> WithinTimeoutAsync<T>(Func<T> work, Func<DirectoryProblem, T> onProblem, CancellationToken ct, TimeSpan? limit = null)
    {
        // The LDAP library blocks; its calls end by themselves after the timeout (LdapLibraryTimeouts), and the wait
        // here is capped as well, with a little room so that a late answer from the library is still the one used.
        var task = Task.Run(work, ct);
        var wait = limit ?? TimeSpan.FromSeconds(Settings.TimeoutSeconds);
        try
        {
            return await task.WaitAsync(wait, ct);
        }
        catch (TimeoutException)
        {
            log.LogError("Directory {Host}:{Port} did not answer within {Seconds} s", Settings.Host, Settings.EffectivePort, wait.TotalSeconds);
            return onProblem(new DirectoryProblem(DirectoryProblemKind.NoAnswer, $"no answer within {wait.TotalSeconds:0} s"));
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or TlsOperationException)
        {
            var problem = Explain(e);
            log.LogError("Directory {Host}:{Port} failed: {Problem}", Settings.Host, Settings.EffectivePort, problem);
            return onProblem(problem);
        }
    }
}
