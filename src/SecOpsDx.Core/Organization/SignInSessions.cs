using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization;

/// <summary>An open session as its owner sees it on the profile page.</summary>
public sealed record OpenSession(string Id, DateTime StartedAt, string? ClientAddress, string? ClientAgent);

/// <summary>The server's record of who is signed in where: started at sign-in, checked on every request, ended at sign-out.</summary>
public sealed class SignInSessions(SecOpsDxDbContext db, TimeProvider time)
{
    private sealed record SessionRow(string SecurityStamp, string? Current, DateTimeOffset? LockoutEnd);

    /// <summary>Compiled once: this read runs on every request of every signed-in person.</summary>
    private static readonly Func<SecOpsDxDbContext, string, string, Task<SessionRow?>> SessionRowOf = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db, string sessionId, string userId) => db.Set<SignInSession>().AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .Select(s => new SessionRow(s.SecurityStamp, s.User!.SecurityStamp, s.User.LockoutEnd))
            .FirstOrDefault());

    public const int IdLength = 32;
    public const int MaxClientAddress = 64;
    public const int MaxClientAgent = 200;

    /// <summary>Opens a session for an account whose stamp is <paramref name="securityStamp"/>; returns its id.</summary>
    public async Task<string> StartAsync(string userId, string securityStamp, string? clientAddress, string? clientAgent, CancellationToken ct = default)
    {
        var session = new SignInSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2)),
            UserId = userId,
            SecurityStamp = securityStamp,
            StartedAt = time.GetUtcNow().UtcDateTime,
            ClientAddress = Shorten(clientAddress, MaxClientAddress),
            ClientAgent = Shorten(clientAgent, MaxClientAgent),
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>
    /// Whether the session stands: not ended, of this account, issued under the account's current stamp, and the
    /// account not locked. One indexed read, run on every request.
    /// </summary>
    public async Task<bool> IsOpenAsync(string sessionId, string userId, string stampInCookie, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var row = await SessionRowOf(db, sessionId, userId);
        if (row is null || row.Current is null) return false;
        if (row.LockoutEnd is { } end && end > now) return false;
        return row.SecurityStamp == row.Current && stampInCookie == row.Current;
    }

    /// <summary>After the account's stamp changed in this session (a password change), the session carries on under the new one.</summary>
    public async Task RenewAsync(string sessionId, string userId, string securityStamp, CancellationToken ct = default)
    {
        var session = await db.Set<SignInSession>().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, ct);
        if (session is null || session.SecurityStamp == securityStamp) return;
        session.SecurityStamp = securityStamp;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Ends one session; the others of the account stand. Ending an ended or unknown session changes nothing.</summary>
    public async Task EndAsync(string sessionId, string userId, CancellationToken ct = default)
    {
        var session = await db.Set<SignInSession>().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, ct);
        if (session is null) return;
        session.EndedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks every open session of the account ended (the stamp change that goes with it is the caller's).</summary>
    public async Task<int> EndAllAsync(string userId, CancellationToken ct = default)
    {
        var open = await db.Set<SignInSession>().Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var s in open) s.EndedAt = now;
        if (open.Count > 0) await db.SaveChangesAsync(ct);
        return open.Count;
    }

    /// <summary>The account's sessions that still stand, newest first.</summary>
    public async Task<IReadOnlyList<OpenSession>> ListOpenAsync(string userId, CancellationToken ct = default)
    {
        var stamp = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        var rows = await db.Set<SignInSession>().AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.SecurityStamp == stamp)
            .Select(s => new OpenSession(s.Id, s.StartedAt, s.ClientAddress, s.ClientAgent))
            .ToListAsync(ct);
        return rows.OrderByDescending(s => s.StartedAt).ToList();
    }

    private static string? Shorten(string? text, int max)
    {
        var clean = FieldErrors.WithoutHarmfulCharacters(text)?.Trim();
        if (string.IsNullOrEmpty(clean)) return null;
        return clean.Length <= max ? clean : clean[..max];
    }
}
