using SecOpsDx.Core.Common;

namespace SecOpsDx.Core.Tests.Compliance;

/// <summary>The one rounding rule, worked by hand: half up (四捨五入) to one decimal, and "—" when there is nothing to count.</summary>
public sealed class PercentTests
{
    [Theory]
    [InlineData(7, 13, "53.8%")]   // 53.846…
    [InlineData(9, 11, "81.8%")]   // 81.818…, not 81%
    [InlineData(1, 8, "12.5%")]
    [InlineData(1, 16, "6.3%")]    // 6.25: the half goes up
    [InlineData(3, 80, "3.8%")]    // 3.75, which a double holds as 3.7499…
    [InlineData(2, 3, "66.7%")]
    [InlineData(116, 121, "95.9%")]
    [InlineData(0, 5, "0.0%")]
    [InlineData(5, 5, "100.0%")]
    [InlineData(0, 0, "—")]        // 0 of 0: no rate, never 100% or 0%
    public void Counts_round_half_up_to_one_decimal(int part, int whole, string shown)
    {
        Assert.Equal(shown, Percent.Format(part, whole));
        Assert.Equal(shown, Percent.Format(whole == 0 ? null : (double)part / whole));
    }

    [Fact]
    public void No_rate_reads_a_dash() => Assert.Equal("—", Percent.Format((double?)null));

    [Fact]
    public void The_value_is_the_rounded_percent() => Assert.Equal((decimal?)6.3m, Percent.Of(1, 16));
}
