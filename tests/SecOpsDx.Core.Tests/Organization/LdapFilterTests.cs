using SecOpsDx.Core.Organization.Ldap;

namespace SecOpsDx.Core.Tests.Organization;

/// <summary>A typed user name goes into a search filter as a value only (RFC 4515 escaping).</summary>
public sealed class LdapFilterTests
{
    [Theory]
    [InlineData("sato", "sato")]
    [InlineData("*", "\\2a")]
    [InlineData("*)(uid=*", "\\2a\\29\\28uid=\\2a")]
    [InlineData("a\\b", "a\\5cb")]
    [InlineData("nul\0", "nul\\00")]
    [InlineData("佐藤", "\\e4\\bd\\90\\e8\\97\\a4")]
    public void Special_characters_and_non_ASCII_become_hex_escapes(string value, string escaped) =>
        Assert.Equal(escaped, LdapFilter.Escape(value));

    [Fact]
    public void One_value_over_several_attributes_is_an_or_of_equality_tests() =>
        Assert.Equal("(|(uid=a\\2a)(mail=a\\2a))", LdapFilter.AnyOf(["uid", "mail"], "a*"));
}
