namespace SecOpsDx.Core.Calendar;

/// <summary>Japan Standard Time helpers. JST is a fixed UTC+9 with no daylight saving time.</summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The same instant expressed with a +09:00 offset.</summary>
    public static DateTimeOffset ToJapanTime(DateTimeOffset value) => value.ToOffset(Offset);

    /// <summary>The current instant in Japan time.</summary>
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return ToJapanTime(timeProvider.GetUtcNow());
    }

    /// <summary>Today's date in Japan, whatever the server's time zone.</summary>
    public static DateOnly Today(TimeProvider timeProvider) => DateOnly.FromDateTime(Now(timeProvider).DateTime);

    /// <summary>The calendar date of <paramref name="value"/> in Japan.</summary>
    public static DateOnly DateOf(DateTimeOffset value) => DateOnly.FromDateTime(ToJapanTime(value).DateTime);
}
