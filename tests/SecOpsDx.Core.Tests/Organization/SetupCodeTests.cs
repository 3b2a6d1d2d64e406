using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Tests.Organization;

public sealed class SetupCodeTests
{
    [Fact]
    public void A_new_code_is_twelve_base32_characters_in_groups_of_four_and_codes_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => SetupCode.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("7K3M-Q9TX-2HBF", "7K3MQ9TX2HBF")]
    [InlineData("7k3m q9tx 2hbf", "7K3MQ9TX2HBF")]
    [InlineData("oI1L-0000-0000", "011100000000")]
    public void Typed_codes_are_read_whatever_their_case_separators_and_look_alike_letters(string typed, string expected)
    {
        Assert.Equal(expected, SetupCode.Normalize(typed));
    }

    [Theory]
    [InlineData("7K3M-Q9TX-2HB")]
    [InlineData("7K3M-Q9TX-2HBFX")]
    [InlineData("7K3M-Q9TX-2HBU")]
    [InlineData("bG9uZy1saW5rLXRva2VuLW9mLTMyLWNoYXJz")]
    public void Text_not_shaped_like_a_code_is_not_a_code(string typed)
    {
        Assert.Null(SetupCode.Normalize(typed));
    }
}
