using System.DirectoryServices.Protocols;
using System.Net;
using System.Runtime.Versioning;
using System.Text;
using SecOpsDx.Web.Tests.Support;
using Xunit.Abstractions;

namespace SecOpsDx.Web.Tests;

/// <summary>The test Active Directory (Samba on loopback) itself: what the directory sign-in tests rely on.</summary>
[Collection(SambaDcCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class SambaDcTests(SambaDcFixture fixture, ITestOutputHelper output)
{
    private const string InChain = "1.2.840.113556.1.4.1941";

    private SambaDc Dc => fixture.Dc;

    private LdapConnection Bound(string dn, string password)
    {
        var connection = SambaDc.Ldaps(Dc.CaDirectory);
        connection.Bind(new NetworkCredential(dn, password));
        return connection;
    }

    private LdapException Refusal(string sam, string password)
    {
        using var connection = SambaDc.Ldaps(Dc.CaDirectory);
        return Assert.Throws<LdapException>(() => connection.Bind(new NetworkCredential(SambaDc.PersonDn(sam), password)));
    }

    /// <summary>RFC 4515 escaping of a value inside a filter.</summary>
    private static string Escaped(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
            text.Append(c switch { '\\' => @"\5c", '*' => @"\2a", '(' => @"\28", ')' => @"\29", '\0' => @"\00", _ => c.ToString() });
        return text.ToString();
    }

    private static SearchResultEntry Entry(LdapConnection connection, string dn, params string[] attributes) =>
        ((SearchResponse)connection.SendRequest(new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, attributes))).Entries[0];

    [Fact]
    public void The_DC_starts_and_reports_how_long_it_took()
    {
        output.WriteLine($"Samba DC started in {Dc.StartedIn.TotalSeconds:0.0} s ({Dc.StartPhases})");
        Assert.True(Dc.StartedIn > TimeSpan.Zero);
    }

    [Fact]
    public void A_person_binds_over_LDAPS_with_the_right_password_and_the_service_account_searches_the_staff()
    {
        using (Bound(SambaDc.PersonDn("yamada"), SambaDcFixture.Password)) { }

        using var service = Bound(SambaDc.ServiceDn, SambaDc.ServicePassword);
        var found = (SearchResponse)service.SendRequest(new SearchRequest(SambaDc.StaffOu,
            "(&(objectCategory=person)(objectClass=user)(sAMAccountName=yamada))", SearchScope.Subtree, "distinguishedName"));
        Assert.Equal(SambaDc.PersonDn("yamada"), Assert.Single(found.Entries.Cast<SearchResultEntry>()).DistinguishedName, ignoreCase: true);
    }

    [Fact]
    public void A_StartTLS_connection_on_389_binds_when_it_sends_a_root_DSE_search_first()
    {
        using var connection = new LdapConnection(new LdapDirectoryIdentifier(SambaDc.Host, SambaDc.LdapPort))
        {
            AuthType = AuthType.Basic, AutoBind = false, Timeout = TimeSpan.FromSeconds(30),
        };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.TrustedCertificatesDirectory = Dc.CaDirectory;
        connection.SessionOptions.StartNewTlsSessionContext();
        connection.SendRequest(new SearchRequest("", "(objectClass=*)", SearchScope.Base, "1.1"));
        connection.SessionOptions.StartTransportLayerSecurity(null);
        connection.Bind(new NetworkCredential(SambaDc.PersonDn("yamada"), SambaDcFixture.Password));
    }

    [Fact]
    public void A_member_two_levels_below_a_group_is_found_by_the_in_chain_rule_and_not_by_a_plain_member_filter()
    {
        using var service = Bound(SambaDc.ServiceDn, SambaDc.ServicePassword);
        var person = Escaped(SambaDc.PersonDn("nested"));
        string[] Groups(string filter) => [.. ((SearchResponse)service.SendRequest(new SearchRequest(SambaDc.GroupsOu, filter, SearchScope.Subtree, "cn")))
            .Entries.Cast<SearchResultEntry>().Select(e => (string)e.Attributes["cn"][0]).Order(StringComparer.Ordinal)];

        Assert.Equal(["Incident-Team", "Night-Shift", "SecOpsDx-CSIRT"], Groups($"(&(objectClass=group)(member:{InChain}:={person}))"));
        Assert.Equal(["Night-Shift"], Groups($"(&(objectClass=group)(member={person}))"));
    }

    [Theory]
    [InlineData("wrongpw", "not-the-password", "data 52e")]
    [InlineData("mustchange", SambaDcFixture.Password, "data 773")]
    [InlineData("expired", SambaDcFixture.Password, "data 701")]
    [InlineData("disabled", SambaDcFixture.Password, "data 533")]
    [InlineData("disabled", "not-the-password", "data 52e")]
    public void AD_refuses_a_bind_with_its_reason_code(string sam, string password, string code)
    {
        var refusal = Refusal(sam, password);

        Assert.Equal(49, refusal.ErrorCode);
        Assert.Contains(code, refusal.ServerErrorMessage);
    }

    [Fact]
    public void Three_wrong_passwords_lock_an_account_until_it_is_unlocked()
    {
        Dc.LockOut("lockme");

        var locked = Refusal("lockme", SambaDcFixture.Password);
        Assert.Contains("data 775", locked.ServerErrorMessage);

        Dc.Unlock("lockme");
        using (Bound(SambaDc.PersonDn("lockme"), SambaDcFixture.Password)) { }
    }

    [Fact]
    public void A_person_added_later_can_be_disabled_expired_and_made_to_change_the_password_and_back()
    {
        Dc.AddPerson(new("later", SambaDcFixture.Password, "200099", "later@mirai.local", "後日 追加"));
        using (Bound(SambaDc.PersonDn("later"), SambaDcFixture.Password)) { }

        Dc.SetDisabled("later", true);
        Assert.Contains("data 533", Refusal("later", SambaDcFixture.Password).ServerErrorMessage);
        Dc.SetDisabled("later", false);

        Dc.SetExpiry("later", DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Contains("data 701", Refusal("later", SambaDcFixture.Password).ServerErrorMessage);
        Dc.SetExpiry("later", null);

        Dc.SetMustChangePassword("later", true);
        Assert.Contains("data 773", Refusal("later", SambaDcFixture.Password).ServerErrorMessage);
        Dc.SetMustChangePassword("later", false);

        using (Bound(SambaDc.PersonDn("later"), SambaDcFixture.Password)) { }
    }

    [Fact]
    public void A_certificate_from_an_unrelated_CA_is_refused()
    {
        using var connection = SambaDc.Ldaps(Dc.OtherCaDirectory);
        var refusal = Assert.Throws<LdapException>(() => connection.Bind(new NetworkCredential(SambaDc.ServiceDn, SambaDc.ServicePassword)));

        Assert.Equal(81, refusal.ErrorCode);
    }

    [Fact]
    public void A_person_has_a_16_byte_objectGUID_and_the_Japanese_display_name_reads_back_intact()
    {
        using var service = Bound(SambaDc.ServiceDn, SambaDc.ServicePassword);
        var entry = Entry(service, SambaDc.PersonDn("yamada"), "objectGUID", "displayName", "employeeID", "mail", "userAccountControl");

        var guid = (byte[])entry.Attributes["objectGUID"].GetValues(typeof(byte[]))[0];
        Assert.Equal(16, guid.Length);
        Assert.Equal("山田 太郎", entry.Attributes["displayName"].GetValues(typeof(string))[0]);
        Assert.Equal("200001", entry.Attributes["employeeID"][0]);
        Assert.Equal("yamada@mirai.local", entry.Attributes["mail"][0]);
        Assert.Equal("512", entry.Attributes["userAccountControl"][0]);
    }

    [Fact]
    public void The_app_settings_name_the_transport_its_port_and_the_groups_DNs()
    {
        var ldaps = Dc.AppSettings("Ldaps", ("SecOpsDx-CSIRT", "Csirt"));
        var startTls = Dc.AppSettings("StartTls");

        Assert.Equal("636", ldaps["SecOpsDx:Directory:Port"]);
        Assert.Equal("389", startTls["SecOpsDx:Directory:Port"]);
        Assert.Equal(SambaDc.GroupDn("SecOpsDx-CSIRT"), ldaps["SecOpsDx:Directory:GroupRoles:0:Group"]);
        Assert.Equal(Dc.CaDirectory, ldaps["SecOpsDx:Directory:TrustedCaDirectory"]);
        Assert.Throws<ArgumentException>(() => Dc.AppSettings("Plain"));
    }
}
