using Microsoft.Extensions.Time.Testing;

namespace SecOpsDx.Core.Tests.Calendar;

internal static class FrozenClock
{
    private static readonly TimeZoneInfo NotJapan =
        TimeZoneInfo.CreateCustomTimeZone("Test-05", TimeSpan.FromHours(-5), "Test-05", "Test-05");

    /// <summary>
    /// A clock stopped at <paramref name="now"/> on a server whose own zone is deliberately not Japan's,
    /// so a rule that takes the date from the machine instead of from Japan time gets it wrong.
    /// </summary>
    public static FakeTimeProvider At(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        clock.SetLocalTimeZone(NotJapan);
        return clock;
    }
}
