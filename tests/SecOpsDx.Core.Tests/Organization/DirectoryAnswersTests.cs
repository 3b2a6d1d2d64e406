using SecOpsDx.Core.Organization.Ldap;

namespace SecOpsDx.Core.Tests.Organization;

/// <summary>How the directory's own words are read: names as typed, AD's bind reasons, account end dates.</summary>
public sealed class DirectoryAnswersTests
{
    [Theory]
    [InlineData(@"MIRAI\sato", "sato")]
    [InlineData(@" mirai\sato ", "sato")]
    [InlineData(@"MIRAI-HONCHO15C\sato", "sato")] // 15 characters: the longest NetBIOS domain name
    [InlineData("sato", "sato")]
    [InlineData("sato@mirai.local", "sato@mirai.local")]
    [InlineData(@"MIRAI-HONCHO-16C\sato", @"MIRAI-HONCHO-16C\sato")] // 16: not a domain, kept as typed (and found by nobody)
    [InlineData(@"\sato", @"\sato")]
    [InlineData(@"MIRAI\", @"MIRAI\")]
    [InlineData(@"A\B\sato", @"A\B\sato")]
    [InlineData(@"a@b\sato", @"a@b\sato")]
    public void A_name_typed_as_Windows_users_type_it_is_the_account_name(string typed, string asked)
    {
        Assert.Equal(asked, LoginNames.Canonical(typed));
    }

    [Theory]
    // Samba 4.17 and Windows Server word them alike: "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 773, v1db1".
    [InlineData("80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 773, v1db1", "773")]
    [InlineData("80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4f7c", "52e")]
    [InlineData("80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52E, v1db1", "52e")]
    [InlineData("80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 701, v1db1", "701")]
    [InlineData("Invalid credentials", null)] // OpenLDAP says no more than that
    [InlineData(null, null)]
    public void AD_s_reason_is_read_from_the_bind_refusal(string? diagnostic, string? code)
    {
        Assert.Equal(code, LdapDirectory.ActiveDirectoryCode(diagnostic));
    }

    [Theory]
    // 令和9年3月31日 is the last day: ADUC's "end of 2027-03-31" stores midnight starting 04-01 in Japan (+09:00),
    // 2027-03-31 15:00 UTC, counted in 100-ns steps from 1601-01-01 UTC: 134509788000000000 (worked out by hand).
    [InlineData("134509788000000000", "2027-03-31T15:00:00+00:00")]
    [InlineData("20270331150000Z", "2027-03-31T15:00:00+00:00")]
    [InlineData("0", null)] // never
    [InlineData("9223372036854775807", null)] // never (0x7FFFFFFFFFFFFFFF)
    [InlineData("", null)]
    [InlineData("soon", null)]
    public void AD_s_account_end_date_is_read_as_the_moment_it_ends(string value, string? moment)
    {
        Assert.Equal(moment is null ? null : DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture), LdapDirectory.AccountExpires(value));
    }

    [Fact]
    public void An_account_has_expired_from_its_end_moment_on_not_before()
    {
        var end = new DateTimeOffset(2027, 3, 31, 15, 0, 0, TimeSpan.Zero);
        var person = new DirectoryPerson("id", "CN=x", null, null, null, [], false, end);

        Assert.False(person.ExpiredAt(end.AddTicks(-1)));
        Assert.True(person.ExpiredAt(end));
        Assert.False((person with { ExpiresAt = null }).ExpiredAt(DateTimeOffset.MaxValue));
    }

    [Theory]
    [InlineData("(&(objectClass=group)(member:1.2.840.113556.1.4.1941:={0}))", true)]
    [InlineData("(&(objectClass=groupOfNames)(member={0}))", false)]
    public void The_directory_follows_nesting_itself_only_with_the_in_chain_rule(string filter, bool resolves)
    {
        Assert.Equal(resolves, new DirectorySettings { GroupFilter = filter }.DirectoryResolvesNesting);
        Assert.True(new DirectorySettings().DirectoryResolvesNesting, "the AD default follows nested groups");
    }

    [Fact]
    public void Break_glass_accounts_are_matched_by_user_name_or_e_mail_ignoring_case()
    {
        var settings = new DirectorySettings { BreakGlassAccounts = ["Admin@Example.jp", " "] };

        Assert.True(settings.IsBreakGlass("admin@example.jp", null));
        Assert.True(settings.IsBreakGlass("someone", "ADMIN@example.jp"));
        Assert.False(settings.IsBreakGlass("staff@example.jp", "staff@example.jp"));
        Assert.False(settings.IsBreakGlass(null, null));
    }
}
