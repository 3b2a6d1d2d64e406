using System.Threading.RateLimiting;

namespace SecOpsDx.Web.Hosting;

/// <summary>
/// Counts failures (a bad API token, a wrong password) per client address in a fixed window. A client that
/// used up its failures is refused until the window ends, whatever it sends; other clients are not touched.
/// </summary>
public sealed class ClientFailureLimiter : IDisposable
{
    public const string Api = "api";
    public const string SetupLink = "setup-link";

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly Lock _gate = new();

    public ClientFailureLimiter(int limit, TimeSpan window)
    {
        Limit = Math.Max(1, limit);
        Window = window;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Limit, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    public int Limit { get; }
    public TimeSpan Window { get; }

    /// <summary>The address the failures are counted under; a request without one shares a single partition.</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Null while the client may still try; otherwise how long it should wait (never less than a second).</summary>
    public TimeSpan? Refusal(string client)
    {
        // Asking for no permit tests the partition without spending anything.
        using var lease = _limiter.AttemptAcquire(client, 0);
        if (lease.IsAcquired) return null;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    /// <summary>Counts one failure. True for the failure that used the client's last permit, so a burst is reported once.</summary>
    public bool CountFailure(string client)
    {
        lock (_gate)
        {
            using var lease = _limiter.AttemptAcquire(client, 1);
            return lease.IsAcquired && _limiter.GetStatistics(client)?.CurrentAvailablePermits == 0;
        }
    }

    public static string RetryAfterSeconds(TimeSpan wait) =>
        ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();
}
