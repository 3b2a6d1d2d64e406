namespace SecOpsDx.Web.Hosting;

/// <summary>
/// Failed sign-ins are counted twice: per account name and client address together, and per client address alone
/// with a much higher ceiling. An office behind one address (NAT, virtual desktops, a shared proxy) is then not
/// held up by one person's typos, while one address still cannot try many accounts for long.
/// The pair allowance stays below the account lockout, so one address needs two windows to lock an account and
/// cannot keep anyone else's account locked.
/// </summary>
public sealed class SignInThrottle(ClientFailureLimiter perAccountAndClient, ClientFailureLimiter perClient) : IDisposable
{
    /// <summary>Identity locks an account after this many wrong passwords (see SecOpsDxHosting).</summary>
    public const int AccountLockoutThreshold = 5;

    public static SignInThrottle Create(SignInSettings settings)
    {
        var window = TimeSpan.FromMinutes(Math.Max(1, settings.WindowMinutes));
        return new SignInThrottle(new ClientFailureLimiter(settings.FailedPerAccountAndClient, window), new ClientFailureLimiter(settings.FailedPerClient, window));
    }

    public int PerAccountAndClient => perAccountAndClient.Limit;
    public int PerClient => perClient.Limit;
    public TimeSpan Window => perClient.Window;

    /// <summary>True while the client may not try this name: either allowance is used up.</summary>
    public bool Refuses(string client, string name) =>
        perClient.Refusal(client) is not null || perAccountAndClient.Refusal(PairKey(client, name)) is not null;

    /// <summary>Counts one failure under both keys; names the allowance this failure used up, if any, so a burst is logged once.</summary>
    public string? CountFailure(string client, string name)
    {
        var pairUsedUp = perAccountAndClient.CountFailure(PairKey(client, name));
        var clientUsedUp = perClient.CountFailure(client);
        return clientUsedUp ? "client" : pairUsedUp ? "account and client" : null;
    }

    // The name as typed, folded as Identity folds user names, so "A@x.jp" and "a@x.jp " share one count.
    private static string PairKey(string client, string name) => client + "\n" + name.Trim().ToUpperInvariant();

    public void Dispose()
    {
        perAccountAndClient.Dispose();
        perClient.Dispose();
    }
}
