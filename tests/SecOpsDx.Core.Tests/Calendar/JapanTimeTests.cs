using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Tests.Calendar;

public class JapanTimeTests
{
    [Theory]
    [InlineData("2025-03-31T14:59:59Z", "2025-03-31")]
    [InlineData("2025-03-31T15:00:00Z", "2025-04-01")]
    [InlineData("2025-04-01T00:00:00+09:00", "2025-04-01")]
    [InlineData("2025-03-31T23:59:59-05:00", "2025-04-01")]
    [InlineData("2024-12-31T15:00:00Z", "2025-01-01")]
    public void Today_is_the_date_in_Japan_not_on_the_server(string utcNow, string expected)
    {
        var provider = FrozenClock.At(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), JapanTime.Today(provider));
    }

    [Fact]
    public void To_japan_time_keeps_the_instant_and_uses_a_plus_nine_offset()
    {
        var utc = new DateTimeOffset(2025, 7, 1, 0, 30, 0, TimeSpan.Zero);

        var jst = JapanTime.ToJapanTime(utc);

        Assert.Equal(TimeSpan.FromHours(9), jst.Offset);
        Assert.Equal(utc, jst);
        Assert.Equal(new DateTime(2025, 7, 1, 9, 30, 0), jst.DateTime);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    public void Japan_time_has_no_daylight_saving_in_any_month(int month)
    {
        var jst = JapanTime.ToJapanTime(new DateTimeOffset(2025, month, 15, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(21, jst.Hour);
    }

    [Fact]
    public void Now_is_the_providers_instant_in_japan_time()
    {
        var provider = FrozenClock.At(new DateTimeOffset(2025, 3, 31, 15, 0, 0, TimeSpan.Zero));

        var now = JapanTime.Now(provider);

        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)), now);
        Assert.Equal(TimeSpan.FromHours(9), now.Offset);
    }

    [Fact]
    public void Today_rejects_a_null_time_provider() =>
        Assert.Throws<ArgumentNullException>(() => JapanTime.Today(null!));
}
