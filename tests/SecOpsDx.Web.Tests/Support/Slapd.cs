using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>
/// A real OpenLDAP server (Debian's slapd) on 127.0.0.1 and a free port, with a throw-away database in a temp
/// folder: an organisation, a service account, people and groups. test.sh installs slapd when it is missing.
/// </summary>
public sealed class Slapd : IAsyncDisposable
{
    public const string Suffix = "dc=city,dc=example";
    public const string People = "ou=people," + Suffix;
    public const string Groups = "ou=groups," + Suffix;
    public const string ServiceDn = "cn=secopsdx,ou=services," + Suffix;
    public const string ServicePassword = "svc-Pass-2026";
    private const string RootDn = "cn=admin," + Suffix;
    private const string RootPassword = "root-Pass-2026";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "secopsdx-slapd", Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>A person of the directory: uid, password, 職員番号, e-mail, and "disabled" in employeeType when disabled.</summary>
    public sealed record Person(string Uid, string Password, string? EmployeeNumber, string? Email, string DisplayName, bool Disabled = false);

    public static async Task<Slapd> StartAsync(IEnumerable<Person> people, IReadOnlyDictionary<string, string[]> groups)
    {
        var server = new Slapd();
        await server.StartCoreAsync(people.ToList(), groups);
        return server;
    }

    private async Task StartCoreAsync(List<Person> people, IReadOnlyDictionary<string, string[]> groups)
    {
        var slapd = "/usr/sbin/slapd";
        if (!File.Exists(slapd)) throw new InvalidOperationException("slapd is missing; ./test.sh installs it (apt-get install slapd)");
        Directory.CreateDirectory(Path.Combine(_folder, "db"));
        var config = Path.Combine(_folder, "slapd.conf");
        await File.WriteAllTextAsync(config, $"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile {_folder}/slapd.pid
            database mdb
            maxsize 10485760
            suffix "{Suffix}"
            rootdn "{RootDn}"
            rootpw {RootPassword}
            directory {_folder}/db
            access to attrs=userPassword by anonymous auth by * none
            access to * by users read by * none

            """);
        await File.WriteAllTextAsync(Path.Combine(_folder, "data.ldif"), Ldif(people, groups), new UTF8Encoding(false));
        await RunAsync("/usr/sbin/slapadd", $"-f {config} -l {Path.Combine(_folder, "data.ldif")}");

        Port = Loopback.FreePort();
        _process = Process.Start(new ProcessStartInfo(slapd, $"-f {config} -h ldap://127.0.0.1:{Port}/ -d 0")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        if (await Loopback.WaitForListenerAsync(Port, TimeSpan.FromSeconds(10))) return;
        throw new InvalidOperationException($"slapd did not start on port {Port}");
    }

    private static string Ldif(List<Person> people, IReadOnlyDictionary<string, string[]> groups)
    {
        var text = new StringBuilder();
        void Entry(string dn, params string[] lines)
        {
            text.Append("dn: ").Append(dn).Append('\n');
            foreach (var line in lines) text.Append(line).Append('\n');
            text.Append('\n');
        }
        Entry(Suffix, "objectClass: dcObject", "objectClass: organization", "dc: city", "o: City");
        Entry("ou=people," + Suffix, "objectClass: organizationalUnit", "ou: people");
        Entry("ou=groups," + Suffix, "objectClass: organizationalUnit", "ou: groups");
        Entry("ou=services," + Suffix, "objectClass: organizationalUnit", "ou: services");
        Entry(ServiceDn, "objectClass: organizationalRole", "objectClass: simpleSecurityObject", "cn: secopsdx", $"userPassword: {ServicePassword}");
        foreach (var p in people)
        {
            var lines = new List<string> { "objectClass: inetOrgPerson", $"uid: {p.Uid}", $"cn: {p.Uid}", $"sn: {p.Uid}", $"userPassword: {p.Password}" };
            // Non-ASCII values are base64 in LDIF.
            lines.Add($"displayName:: {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.DisplayName))}");
            if (p.EmployeeNumber is not null) lines.Add($"employeeNumber: {p.EmployeeNumber}");
            if (p.Email is not null) lines.Add($"mail: {p.Email}");
            if (p.Disabled) lines.Add("employeeType: disabled");
            Entry(PersonDn(p.Uid), [.. lines]);
        }
        // A member named "group:X" is the group X (groups inside groups).
        foreach (var (group, members) in groups)
            Entry(GroupDn(group), ["objectClass: groupOfNames", $"cn: {group}", .. members.Select(m => $"member: {MemberDn(m)}")]);
        return text.ToString();
    }

    public static string PersonDn(string uid) => $"uid={uid},{People}";
    private static string MemberDn(string member) => member.StartsWith("group:", StringComparison.Ordinal) ? GroupDn(member["group:".Length..]) : PersonDn(member);
    public static string GroupDn(string cn) => $"cn={cn},{Groups}";

    /// <summary>Changes the directory as its administrators would (as the root account).</summary>
    public void Modify(string dn, DirectoryAttributeOperation operation, string attribute, params string[] values)
    {
        using var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", Port)) { AuthType = AuthType.Basic };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind(new NetworkCredential(RootDn, RootPassword));
        var change = new DirectoryAttributeModification { Name = attribute, Operation = operation };
        foreach (var v in values) change.Add(v);
        connection.SendRequest(new ModifyRequest(dn, change));
    }

    /// <summary>Removes an entry, as when a person's directory account is deleted.</summary>
    public void Delete(string dn)
    {
        using var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", Port)) { AuthType = AuthType.Basic };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind(new NetworkCredential(RootDn, RootPassword));
        connection.SendRequest(new DeleteRequest(dn));
    }

    /// <summary>Settings that point the app at this server (plain LDAP on loopback, allowed for this lab only).</summary>
    public Dictionary<string, string?> AppSettings(params (string Group, string Role)[] groupRoles)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SecOpsDx:Directory:Enabled"] = "true",
            ["SecOpsDx:Directory:Host"] = "127.0.0.1",
            ["SecOpsDx:Directory:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SecOpsDx:Directory:Transport"] = "Plain",
            ["SecOpsDx:Directory:AllowPlainLdap"] = "true",
            ["SecOpsDx:Directory:BindDn"] = ServiceDn,
            ["SecOpsDx:Directory:BindPassword"] = ServicePassword,
            ["SecOpsDx:Directory:UserBaseDn"] = People,
            ["SecOpsDx:Directory:GroupBaseDn"] = Groups,
            ["SecOpsDx:Directory:UserFilter"] = "(objectClass=inetOrgPerson)",
            ["SecOpsDx:Directory:LoginAttributes:0"] = "uid",
            ["SecOpsDx:Directory:LoginAttributes:1"] = "mail",
            ["SecOpsDx:Directory:IdAttribute"] = "entryUUID",
            ["SecOpsDx:Directory:EmployeeNumberAttribute"] = "employeeNumber",
            ["SecOpsDx:Directory:DisabledFilter"] = "(employeeType=disabled)",
            ["SecOpsDx:Directory:GroupFilter"] = "(&(objectClass=groupOfNames)(member={0}))",
        };
        foreach (var ((group, role), i) in groupRoles.Select((g, i) => (g, i)))
        {
            settings[$"SecOpsDx:Directory:GroupRoles:{i}:Group"] = GroupDn(group);
            settings[$"SecOpsDx:Directory:GroupRoles:{i}:Role"] = role;
        }
        return settings;
    }


    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
