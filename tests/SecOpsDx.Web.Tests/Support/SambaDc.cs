using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Runtime.Versioning;
using System.Text;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>
/// A real Active Directory domain controller (Debian's Samba) on 127.0.0.1, provisioned into a temp folder: the domain
/// MIRAI.LOCAL, a CA of its own and a server certificate for LDAPS (636) and StartTLS (389), OUs for staff, groups and
/// services, a service account, people and (nested) groups. test.sh installs Samba when it is missing.
/// Samba listens on the fixed ports 389 and 636 of 127.0.0.1, so only one can run per machine: tests share one through
/// the "Samba AD" collection (<see cref="SambaDcFixture"/>).
/// </summary>
[UnsupportedOSPlatform("windows")] // Samba, and TLS options of the LDAP library that exist only with OpenLDAP's client
public sealed class SambaDc : IAsyncDisposable
{
    public const string Realm = "MIRAI.LOCAL";
    public const string NetbiosDomain = "MIRAI";
    public const string BaseDn = "DC=mirai,DC=local";
    public const string StaffOu = "OU=Staff," + BaseDn;
    public const string GroupsOu = "OU=Groups," + BaseDn;
    public const string ServicesOu = "OU=Services," + BaseDn;
    public const string ServiceDn = "CN=secopsdx-svc," + ServicesOu;
    public const string ServicePassword = "Svc-Pass-2026";
    public const string Host = "127.0.0.1";
    public const int LdapPort = 389, LdapsPort = 636;

    /// <summary>Binds as the domain's Administrator (a UPN is a valid bind name in AD).</summary>
    private const string AdminName = "Administrator@mirai.local";
    private const string AdminPassword = "Mirai-Admin-2026";
    private const string SambaBinary = "/usr/sbin/samba", SambaTool = "/usr/bin/samba-tool";
    /// <summary>accountExpires of an account that never expires (AD writes this value when an account is created).</summary>
    private const long NeverExpires = long.MaxValue;
    private const int NormalAccount = 0x200, AccountDisable = 0x2;

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "secopsdx-samba");

    private readonly string _folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _output = new();
    private Process? _process;

    private SambaDc()
    {
        CaDirectory = Path.Combine(_folder, "ca");
        OtherCaDirectory = Path.Combine(_folder, "other-ca");
    }

    /// <summary>A folder holding only the CA that signed the DC's certificate (trust it and TLS succeeds).</summary>
    public string CaDirectory { get; }

    /// <summary>A folder holding only an unrelated CA (trust it and TLS fails: LdapException 81).</summary>
    public string OtherCaDirectory { get; }

    /// <summary>How long <see cref="StartAsync"/> took, and its phases, for the test log.</summary>
    public TimeSpan StartedIn { get; private set; }

    public string StartPhases { get; private set; } = "";

    /// <summary>
    /// A person: sAMAccountName (also the cn and the UPN's first part), password, employeeID, mail, displayName,
    /// and the states AD refuses a bind for.
    /// </summary>
    public sealed record Person(string Sam, string Password, string? EmployeeId, string? Mail, string DisplayName,
        bool Disabled = false, bool MustChangePassword = false, DateTimeOffset? ExpiresAt = null);

    /// <summary>
    /// Provisions and starts a DC with these people and groups (group cn → members; a member is a person's Sam or
    /// another group's cn). Fails at once when 389 or 636 of 127.0.0.1 is taken.
    /// </summary>
    public static async Task<SambaDc> StartAsync(IEnumerable<Person> people, IReadOnlyDictionary<string, string[]> groups)
    {
        var server = new SambaDc();
        try
        {
            await server.StartCoreAsync(people.ToList(), groups);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public static string PersonDn(string sam) => $"CN={sam},{StaffOu}";
    public static string GroupDn(string cn) => $"CN={cn},{GroupsOu}";

    private async Task StartCoreAsync(List<Person> people, IReadOnlyDictionary<string, string[]> groups)
    {
        var total = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        var phases = new List<string>();
        void Phase(string name)
        {
            phases.Add($"{name} {phase.Elapsed.TotalSeconds:0.0}s");
            phase.Restart();
        }

        if (!File.Exists(SambaBinary) || !File.Exists(SambaTool))
            throw new InvalidOperationException("Samba is missing; ./test.sh installs it (apt-get install samba samba-ad-dc samba-ad-provision samba-dsdb-modules)");
        foreach (var port in new[] { LdapPort, LdapsPort })
            if (PortIsTaken(port))
                throw new InvalidOperationException(
                    $"port {port} of {Host} is already in use, so the test Active Directory (Samba) cannot start: only one can run per " +
                    "machine (fixed ports). Another test run using it, a leftover samba, or a directory server of this machine holds it " +
                    $"(see: ss -ltnp 'sport = :{port}').");
        RemoveLeftovers();
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "owner"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        var tls = Path.Combine(_folder, "tls-test");
        WriteCertificates(tls);
        Phase("certificates");

        await RunAsync(SambaTool, "domain", "provision", $"--realm={Realm}", $"--domain={NetbiosDomain}", "--server-role=dc",
            "--dns-backend=NONE", $"--adminpass={AdminPassword}", $"--targetdir={_folder}", $"--host-ip={Host}",
            $"--option=interfaces={Host}", "--option=bind interfaces only=yes", "--option=server services=ldap", "--use-rfc2307");
        Phase("provision");

        var config = Path.Combine(_folder, "etc", "smb.conf");
        await File.WriteAllTextAsync(config, Configured(await File.ReadAllTextAsync(config), tls));
        // Lockout after 3 bad passwords; simple passwords allowed. Done on the database file before the server starts.
        await RunAsync(SambaTool, "domain", "passwordsettings", "set", "--account-lockout-threshold=3", "--complexity=off",
            "-H", Path.Combine(_folder, "private", "sam.ldb"), "-s", config);
        Phase("password policy");

        // -i: in the foreground, and Samba ends itself when its stdin closes, so a test host that dies takes it along.
        // --maximum-runtime: a last resort should anything keep it alive.
        var start = new ProcessStartInfo(SambaBinary)
        {
            RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { "-i", "-M", "single", "--maximum-runtime=3600", "-s", config }) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        if (!await Loopback.WaitForListenerAsync(LdapsPort, TimeSpan.FromSeconds(30)))
            throw new InvalidOperationException($"samba did not listen on {Host}:{LdapsPort} within 30 s{Output()}");
        Phase("samba start");

        using (var admin = await AdminWhenReadyAsync())
        {
            foreach (var ou in new[] { StaffOu, GroupsOu, ServicesOu })
                Add(admin, ou, ("objectClass", ["organizationalUnit"]), ("ou", [ou[3..ou.IndexOf(',', StringComparison.Ordinal)]]));
            AddUser(admin, ServiceDn, "secopsdx-svc", ServicePassword, [("displayName", ["SecOpsDx service account"])]);
            foreach (var p in people) AddPerson(admin, p);
            var sams = people.Select(p => p.Sam).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (group, members) in InDependencyOrder(groups, sams))
                AddGroup(admin, group, members, sams);
        }
        Phase("people and groups");

        StartedIn = total.Elapsed;
        StartPhases = string.Join(", ", phases);
    }

    /// <summary>The provisioned smb.conf with its pid and log files in the folder and TLS on with the test certificates.</summary>
    private string Configured(string config, string tls)
    {
        var lines = config.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => !l.TrimStart().StartsWith("log file", StringComparison.OrdinalIgnoreCase)
                && !l.TrimStart().StartsWith("pid directory", StringComparison.OrdinalIgnoreCase)
                && !l.TrimStart().StartsWith("tls ", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var global = lines.FindIndex(l => l.Trim().Equals("[global]", StringComparison.OrdinalIgnoreCase));
        if (global < 0) throw new InvalidOperationException($"the provisioned smb.conf has no [global] section:\n{config}");
        lines.InsertRange(global + 1,
        [
            $"\tpid directory = {_folder}",
            $"\tlog file = {_folder}/log.%m",
            "\ttls enabled = yes",
            $"\ttls keyfile = {tls}/key.pem",
            $"\ttls certfile = {tls}/cert.pem",
            $"\ttls cafile = {tls}/ca.pem",
        ]);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// A test CA and the DC's certificate signed by it (localhost and 127.0.0.1), in tls-test for Samba; the CA alone in
    /// <see cref="CaDirectory"/>; an unrelated CA alone in <see cref="OtherCaDirectory"/>.
    /// </summary>
    private void WriteCertificates(string tls)
    {
        var now = DateTimeOffset.UtcNow;
        using var ca = CreateCa("CN=SecOpsDx Test CA (Samba)", now);
        using var other = CreateCa("CN=SecOpsDx Unrelated Test CA", now);

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = request.Create(ca, now.AddHours(-1), now.AddDays(2), RandomNumberGenerator.GetBytes(16));

        Directory.CreateDirectory(tls);
        File.WriteAllText(Path.Combine(tls, "ca.pem"), ca.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(tls, "cert.pem"), server.ExportCertificatePem() + "\n");
        var keyFile = Path.Combine(tls, "key.pem");
        // Samba refuses a key file others could read.
        File.WriteAllText(keyFile, "", Encoding.ASCII);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");

        Directory.CreateDirectory(CaDirectory);
        File.WriteAllText(Path.Combine(CaDirectory, "ca.pem"), ca.ExportCertificatePem() + "\n");
        Directory.CreateDirectory(OtherCaDirectory);
        File.WriteAllText(Path.Combine(OtherCaDirectory, "ca.pem"), other.ExportCertificatePem() + "\n");
    }

    private static X509Certificate2 CreateCa(string subject, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddHours(-1), now.AddDays(3));
    }

    /// <summary>Adds a person later, by the same rules as at the start.</summary>
    public void AddPerson(Person p)
    {
        using var admin = Admin();
        AddPerson(admin, p);
    }

    /// <summary>Adds a global security group later; members are people's Sams or existing groups' cns.</summary>
    public void AddGroup(string cn, params string[] members)
    {
        using var admin = Admin();
        var people = members.Where(m => Exists(admin, PersonDn(m))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        AddGroup(admin, cn, members, people);
    }

    public void SetDisabled(string sam, bool disabled)
    {
        using var admin = Admin();
        var flags = int.Parse(Read(admin, PersonDn(sam), "userAccountControl"), CultureInfo.InvariantCulture);
        flags = disabled ? flags | AccountDisable : flags & ~AccountDisable;
        Replace(admin, PersonDn(sam), "userAccountControl", flags.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The account expires at this moment; null = never.</summary>
    public void SetExpiry(string sam, DateTimeOffset? expiresAt)
    {
        using var admin = Admin();
        Replace(admin, PersonDn(sam), "accountExpires", AccountExpires(expiresAt));
    }

    /// <summary>"User must change password at next logon" (pwdLastSet 0), or not (-1: the password counts as set now).</summary>
    public void SetMustChangePassword(string sam, bool must)
    {
        using var admin = Admin();
        Replace(admin, PersonDn(sam), "pwdLastSet", must ? "0" : "-1");
    }

    /// <summary>Binds with wrong passwords until AD answers that the account is locked out (data 775).</summary>
    public void LockOut(string sam)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            using var connection = Ldaps(CaDirectory);
            try
            {
                connection.Bind(new NetworkCredential($"{sam}@mirai.local", $"not-the-password-{attempt}"));
                throw new InvalidOperationException($"{sam} signed in with a wrong password");
            }
            catch (LdapException e) when (e.ErrorCode == 49)
            {
                if (e.ServerErrorMessage?.Contains("data 775", StringComparison.Ordinal) == true) return;
            }
        }
        throw new InvalidOperationException($"{sam} was not locked out after 10 wrong passwords");
    }

    /// <summary>Ends a lockout, as an administrator does (lockoutTime 0; AD resets the bad-password count with it).</summary>
    public void Unlock(string sam)
    {
        using var admin = Admin();
        Replace(admin, PersonDn(sam), "lockoutTime", "0");
    }

    /// <summary>
    /// Freezes the domain controller (SIGSTOP): it keeps accepting connections, as the kernel does that, but answers
    /// nothing, as a hung DC does. <see cref="Resume"/> thaws it.
    /// </summary>
    public void Pause() => Signal("-STOP");

    public void Resume() => Signal("-CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", $"{signal} {_process!.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {_process.Id} failed");
    }

    /// <summary>Changes the directory as its administrators would (as Administrator).</summary>
    public void Modify(string dn, DirectoryAttributeOperation operation, string attribute, params string[] values)
    {
        using var admin = Admin();
        var change = new DirectoryAttributeModification { Name = attribute, Operation = operation };
        foreach (var v in values) change.Add(v);
        admin.SendRequest(new ModifyRequest(dn, change));
    }

    /// <summary>Removes an entry, as when a person's account is deleted (as Administrator).</summary>
    public void Delete(string dn)
    {
        using var admin = Admin();
        admin.SendRequest(new DeleteRequest(dn));
    }

    /// <summary>
    /// An unbound LDAPS connection to the DC (port 636) trusting the CA in <paramref name="caDirectory"/>
    /// (<see cref="CaDirectory"/> or <see cref="OtherCaDirectory"/>). Binding it is the TLS handshake's test.
    /// </summary>
    public static LdapConnection Ldaps(string caDirectory)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(Host, LdapsPort))
        {
            AuthType = AuthType.Basic, Timeout = TimeSpan.FromSeconds(30),
        };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        connection.SessionOptions.TrustedCertificatesDirectory = caDirectory;
        connection.SessionOptions.StartNewTlsSessionContext();
        connection.SessionOptions.SecureSocketLayer = true;
        return connection;
    }

    /// <summary>
    /// Settings that point the app at this DC. Only what differs from DirectorySettings' Active Directory defaults:
    /// transport "Ldaps" (636) or "StartTls" (389), the service account, the OUs, the CA, and group DN → role.
    /// </summary>
    public Dictionary<string, string?> AppSettings(string transport, params (string Group, string Role)[] groupRoles)
    {
        var port = transport switch
        {
            "Ldaps" => LdapsPort,
            "StartTls" => LdapPort,
            _ => throw new ArgumentException($"transport is \"Ldaps\" or \"StartTls\", not \"{transport}\"", nameof(transport)),
        };
        var settings = new Dictionary<string, string?>
        {
            ["SecOpsDx:Directory:Enabled"] = "true",
            ["SecOpsDx:Directory:Host"] = Host,
            ["SecOpsDx:Directory:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["SecOpsDx:Directory:Transport"] = transport,
            ["SecOpsDx:Directory:BindDn"] = ServiceDn,
            ["SecOpsDx:Directory:BindPassword"] = ServicePassword,
            ["SecOpsDx:Directory:UserBaseDn"] = StaffOu,
            ["SecOpsDx:Directory:GroupBaseDn"] = GroupsOu,
            ["SecOpsDx:Directory:TrustedCaDirectory"] = CaDirectory,
            ["SecOpsDx:Directory:TimeoutSeconds"] = "5",
        };
        foreach (var ((group, role), i) in groupRoles.Select((g, i) => (g, i)))
        {
            settings[$"SecOpsDx:Directory:GroupRoles:{i}:Group"] = GroupDn(group);
            settings[$"SecOpsDx:Directory:GroupRoles:{i}:Role"] = role;
        }
        return settings;
    }

    private static void AddPerson(LdapConnection admin, Person p)
    {
        var attributes = new List<(string, object[])>
        {
            ("displayName", [p.DisplayName]),
            ("userPrincipalName", [$"{p.Sam}@mirai.local"]),
            ("accountExpires", [AccountExpires(p.ExpiresAt)]),
        };
        if (p.EmployeeId is not null) attributes.Add(("employeeID", [p.EmployeeId]));
        if (p.Mail is not null) attributes.Add(("mail", [p.Mail]));
        AddUser(admin, PersonDn(p.Sam), p.Sam, p.Password, attributes, p.Disabled);
        if (p.MustChangePassword) Replace(admin, PersonDn(p.Sam), "pwdLastSet", "0");
    }

    /// <summary>
    /// A user with its password (unicodePwd: the quoted password in UTF-16LE, only over an encrypted connection) and
    /// then userAccountControl 512 or 514, since AD creates a user disabled (514/546) until it has a password.
    /// </summary>
    private static void AddUser(LdapConnection admin, string dn, string sam, string password, List<(string, object[])> attributes, bool disabled = false)
    {
        Add(admin, dn, [("objectClass", ["user"]), ("sAMAccountName", [sam]), .. attributes]);
        var change = new DirectoryAttributeModification { Name = "unicodePwd", Operation = DirectoryAttributeOperation.Replace };
        change.Add(Encoding.Unicode.GetBytes($"\"{password}\""));
        admin.SendRequest(new ModifyRequest(dn, change));
        Replace(admin, dn, "userAccountControl", (disabled ? NormalAccount | AccountDisable : NormalAccount).ToString(CultureInfo.InvariantCulture));
    }

    private static void AddGroup(LdapConnection admin, string cn, string[] members, ISet<string> people)
    {
        var attributes = new List<(string, object[])> { ("objectClass", ["group"]), ("sAMAccountName", [cn]) };
        // A global security group; AD's default, written out so nobody wonders.
        attributes.Add(("groupType", [unchecked((int)0x80000002).ToString(CultureInfo.InvariantCulture)]));
        if (members.Length > 0) attributes.Add(("member", [.. members.Select(m => people.Contains(m) ? PersonDn(m) : GroupDn(m))]));
        Add(admin, GroupDn(cn), [.. attributes]);
    }

    /// <summary>Groups ordered so that a group member is created before the group holding it.</summary>
    private static List<(string Group, string[] Members)> InDependencyOrder(IReadOnlyDictionary<string, string[]> groups, ISet<string> people)
    {
        var ordered = new List<(string, string[])>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false: being visited, true: done
        void Visit(string group, string from)
        {
            if (state.TryGetValue(group, out var done))
            {
                if (!done) throw new ArgumentException($"the groups nest in a circle through {group}");
                return;
            }
            if (!groups.TryGetValue(group, out var members))
                throw new ArgumentException($"{from} has the member {group}, which is neither a person nor a group");
            state[group] = false;
            foreach (var member in members.Where(m => !people.Contains(m))) Visit(member, group);
            state[group] = true;
            ordered.Add((group, members));
        }
        foreach (var group in groups.Keys) Visit(group, group);
        return ordered;
    }

    private static string AccountExpires(DateTimeOffset? at) =>
        (at?.ToFileTime() ?? NeverExpires).ToString(CultureInfo.InvariantCulture);

    private static void Add(LdapConnection admin, string dn, params (string Name, object[] Values)[] attributes)
    {
        var request = new AddRequest(dn);
        foreach (var (name, values) in attributes)
        {
            var attribute = new DirectoryAttribute { Name = name };
            foreach (var v in values)
                if (v is byte[] bytes) attribute.Add(bytes); else attribute.Add((string)v);
            request.Attributes.Add(attribute);
        }
        try { admin.SendRequest(request); }
        catch (DirectoryOperationException e)
        {
            throw new InvalidOperationException($"adding {dn} failed: {e.Response?.ResultCode} {e.Response?.ErrorMessage}", e);
        }
    }

    private static void Replace(LdapConnection admin, string dn, string attribute, string value)
    {
        try { admin.SendRequest(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, attribute, value)); }
        catch (DirectoryOperationException e)
        {
            throw new InvalidOperationException($"setting {attribute} of {dn} failed: {e.Response?.ResultCode} {e.Response?.ErrorMessage}", e);
        }
    }

    private static string Read(LdapConnection admin, string dn, string attribute)
    {
        var response = (SearchResponse)admin.SendRequest(new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, attribute));
        return (string)response.Entries[0].Attributes[attribute].GetValues(typeof(string))[0];
    }

    private static bool Exists(LdapConnection admin, string dn)
    {
        try { return ((SearchResponse)admin.SendRequest(new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, "1.1"))).Entries.Count == 1; }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.NoSuchObject) { return false; }
    }

    private LdapConnection Admin()
    {
        var connection = Ldaps(CaDirectory);
        try { connection.Bind(new NetworkCredential(AdminName, AdminPassword)); }
        catch { connection.Dispose(); throw; }
        return connection;
    }

    /// <summary>The first admin bind, retried while the freshly started LDAP server settles.</summary>
    private async Task<LdapConnection> AdminWhenReadyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try { return Admin(); }
            catch (LdapException) when (DateTime.UtcNow < until && _process is { HasExited: false }) { await Task.Delay(100); }
            catch (LdapException e) { throw new InvalidOperationException($"Administrator could not bind over LDAPS: {e.Message} {e.ServerErrorMessage}{Output()}", e); }
        }
    }

    private static bool PortIsTaken(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException) { }
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException) { return true; }
    }

    /// <summary>Deletes the folders of earlier DCs whose test host is gone (killed before it could clean up).</summary>
    private static void RemoveLeftovers()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var owner = Path.Combine(folder, "owner");
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && Directory.Exists($"/proc/{pid}")) continue;
            if (!File.Exists(owner) && Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow.AddHours(-1)) continue; // being created
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 20_000) _output.Remove(0, _output.Length - 20_000);
        }
    }

    private string Output()
    {
        lock (_output) return _output.Length == 0 ? "" : $"\nsamba said:\n{_output}";
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}\n{await output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The one Samba DC that every test of the "Samba AD" collection shares (Samba's ports are fixed, so there can be only
/// one). Tests that change an account (lock it, disable it, expire it) should use a person of their own.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SambaDcFixture : IAsyncLifetime
{
    public const string Password = "Ad-Pass-2026";

    public static readonly SambaDc.Person[] People =
    [
        new("yamada", Password, "200001", "yamada@mirai.local", "山田 太郎"),
        new("nested", Password, "200002", "nested@mirai.local", "入れ子 花子"),
        new("wrongpw", Password, "200003", "wrongpw@mirai.local", "誤入力 三郎"),
        new("mustchange", Password, "200004", "mustchange@mirai.local", "変更 四郎", MustChangePassword: true),
        new("expired", Password, "200005", "expired@mirai.local", "期限 五郎", ExpiresAt: DateTimeOffset.UtcNow.AddDays(-1)),
        new("disabled", Password, "200006", "disabled@mirai.local", "無効 六郎", Disabled: true),
        new("lockme", Password, "200007", "lockme@mirai.local", "施錠 七子"),
    ];

    /// <summary>SecOpsDx-CSIRT ⊃ Incident-Team ⊃ Night-Shift ∋ nested: nested is a member two levels below the top group.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Groups = new Dictionary<string, string[]>
    {
        ["SecOpsDx-CSIRT"] = ["yamada", "Incident-Team"],
        ["Incident-Team"] = ["Night-Shift"],
        ["Night-Shift"] = ["nested"],
    };

    public SambaDc Dc { get; private set; } = default!;

    public async Task InitializeAsync() => Dc = await SambaDc.StartAsync(People, Groups);

    public async Task DisposeAsync()
    {
        if (Dc is not null) await Dc.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SambaDcCollection : ICollectionFixture<SambaDcFixture>
{
    public const string Name = "Samba AD";
}
