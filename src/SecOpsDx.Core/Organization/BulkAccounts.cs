using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization;

/// <summary>Who would get an account: staff in post without one. Those without an e-mail address cannot, and are named.</summary>
public sealed record BulkCandidate(int StaffId, string EmployeeNumber, string FullName, string DepartmentName, string? Email, bool EmailTaken);

/// <summary>
/// One slip of the sheet handed out: the person, their one-time link token, and a short code that opens the same
/// link when typed (either one spends both).
/// </summary>
public sealed record IssuedSetupLink(string EmployeeNumber, string FullName, string DepartmentName, string Email, string Token, string Code, DateTime ExpiresAt);

public sealed record BulkResult(IReadOnlyList<IssuedSetupLink> Created, IReadOnlyList<BulkCandidate> Skipped);

public enum SetupLinkProblem { Unknown, Used, Expired }

/// <summary>
/// Accounts for many staff at once (for municipalities that sign in without a directory): each gets the Staff role,
/// no password, and a one-time link to set one, valid for a set number of days. Redeeming the link sets the password
/// through Identity's rules; a used or expired link is refused.
/// </summary>
public sealed class BulkAccounts(IServiceScopeFactory scopes, ICurrentActor actor, IDbContextFactory<SecOpsDxDbContext> factory, TimeProvider time)
{
    public const int MaxPerRun = 5000;

    /// <summary>Staff in post without an account, in the chosen departments (and their sections), or everywhere when none is chosen.</summary>
    public async Task<IReadOnlyList<BulkCandidate>> CandidatesAsync(IReadOnlyCollection<int> departmentIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = JapanTime.Today(time);
        var q = db.Staff.AsNoTracking().Where(s => s.UserId == null
            && (s.HiredOn == null || s.HiredOn <= today) && (s.RetiredOn == null || s.RetiredOn >= today));
        if (departmentIds.Count > 0)
            q = q.Where(s => departmentIds.Contains(s.DepartmentId) || (s.Department!.ParentId != null && departmentIds.Contains(s.Department.ParentId.Value)));
        var rows = await q.Select(s => new { s.Id, s.EmployeeNumber, s.FullName, Department = s.Department!.Name, s.Email }).ToListAsync(ct);
        var emails = rows.Where(r => r.Email != null).Select(r => r.Email!.ToUpperInvariant()).ToList();
        var taken = (await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail))
            .Select(u => u.NormalizedEmail!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return rows.OrderBy(r => r.EmployeeNumber, StringComparer.Ordinal)
            .Select(r => new BulkCandidate(r.Id, r.EmployeeNumber, r.FullName, r.Department, r.Email,
                r.Email is not null && taken.Contains(r.Email.ToUpperInvariant())))
            .ToList();
    }

    /// <summary>Creates the accounts; staff without a usable e-mail address are skipped and returned so the Admin can fix the roster.</summary>
    public async Task<BulkResult> CreateAsync(IReadOnlyCollection<int> departmentIds, int linkDays, CancellationToken ct = default)
    {
        var candidates = await CandidatesAsync(departmentIds, ct);
        var usable = candidates.Where(c => !string.IsNullOrWhiteSpace(c.Email) && !c.EmailTaken).Take(MaxPerRun).ToList();
        var skipped = candidates.Where(c => string.IsNullOrWhiteSpace(c.Email) || c.EmailTaken).ToList();
        var who = await actor.GetActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = who;
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var created = new List<IssuedSetupLink>();
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now.AddDays(Math.Clamp(linkDays, 1, 90));
        foreach (var c in usable)
        {
            var staff = await db.Staff.SingleAsync(s => s.Id == c.StaffId, ct);
            if (staff.UserId is not null) continue; // made meanwhile by someone else
            var user = new ApplicationUser { UserName = c.Email, Email = c.Email, EmailConfirmed = true, DisplayName = c.FullName };
            var made = await users.CreateAsync(user);
            if (!made.Succeeded) { skipped.Add(c); continue; }
            AccountProvisioning.Check(await users.AddToRoleAsync(user, Roles.Staff));
            staff.UserId = user.Id;
            var token = NewToken();
            var code = SetupCode.New();
            // The short code is a second key to the same link: same person, same expiry, spent together.
            db.Add(new PasswordSetupLink { UserId = user.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = expires });
            db.Add(new PasswordSetupLink { UserId = user.Id, TokenHash = Hash(SetupCode.Normalize(code)!), CreatedAt = now, ExpiresAt = expires });
            await db.SaveChangesAsync(ct);
            created.Add(new IssuedSetupLink(c.EmployeeNumber, c.FullName, c.DepartmentName, c.Email!, token, code, expires));
        }
        return new BulkResult(created, skipped);
    }

    /// <summary>Null when the link can be used; otherwise why not. Looks nothing up by anything but the token's hash.</summary>
    public async Task<SetupLinkProblem?> CheckAsync(string? token, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var link = await FindAsync(db, token, ct);
        return Problem(link);
    }

    /// <summary>Sets the first password. Identity's password rules apply; their refusal comes back worded.</summary>
    public async Task<(SetupLinkProblem? Problem, IReadOnlyList<string> PasswordErrors, string? Email)> RedeemAsync(string? token, string password, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
        var link = await FindAsync(db, token, ct);
        if (Problem(link) is { } problem) return (problem, [], null);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(link!.UserId);
        if (user is null) return (SetupLinkProblem.Unknown, [], null);
        // Linking to the directory ended the person's links; one that escaped that sets no local password.
        if (await scope.ServiceProvider.GetRequiredService<Ldap.DirectoryAccounts>().SignsInThroughDirectoryAsync(user))
            return (SetupLinkProblem.Expired, [], null);
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(user.Id, user.Email ?? user.Id);
        // A password the rules refuse is answered before the link is touched, so a refused try leaves nothing in the
        // trail (it used to claim the link and give it back: two entries that read like uses).
        var refusals = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, user, password) is { Succeeded: false } refused) refusals.AddRange(refused.Errors);
        if (refusals.Count > 0) return (null, refusals.Select(e => e.Description).ToList(), null);
        // Claim the link first, so two posts of the same link cannot both set a password.
        var now = time.GetUtcNow().UtcDateTime;
        link.UsedAt = now;
        await db.SaveChangesAsync(ct);
        var result = await users.HasPasswordAsync(user)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordAlreadySet", Description = "" })
            : await users.AddPasswordAsync(user, password);
        if (result.Succeeded)
        {
            // The other key to the same link (the code, or the address) is spent with it.
            foreach (var other in await db.Set<PasswordSetupLink>().Where(l => l.UserId == user.Id && l.UsedAt == null).ToListAsync(ct))
                other.UsedAt = now;
            await db.SaveChangesAsync(ct);
            return (null, [], user.Email);
        }
        // The password was refused: the link stays usable for another try.
        link.UsedAt = null;
        await db.SaveChangesAsync(ct);
        return result.Errors.Any(e => e.Code == "PasswordAlreadySet")
            ? (SetupLinkProblem.Used, [], null)
            : (null, result.Errors.Select(e => e.Description).ToList(), null);
    }

    private static async Task<PasswordSetupLink?> FindAsync(SecOpsDxDbContext db, string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = Hash(SetupCode.Normalize(token) ?? token.Trim());
        return await db.Set<PasswordSetupLink>().Include(l => l.User).SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
    }

    /// <summary>
    /// A link of a suspended account reads as expired: it was cancelled when the account was locked or disabled,
    /// and one that escaped that (an account locked some other way) is refused while the lock stands.
    /// </summary>
    private SetupLinkProblem? Problem(PasswordSetupLink? link) =>
        link is null ? SetupLinkProblem.Unknown
        : link.UsedAt is not null ? SetupLinkProblem.Used
        : link.ExpiresAt <= time.GetUtcNow().UtcDateTime ? SetupLinkProblem.Expired
        : link.User?.LockoutEnd is { } end && end > time.GetUtcNow() ? SetupLinkProblem.Expired
        : null;

    /// <summary>
    /// Ends the person's unused links now, for an account being locked or disabled: a sheet handed out earlier must
    /// not reopen it. The caller saves the change with the lock, so both are audited together.
    /// </summary>
    public static async Task CancelOutstandingLinksAsync(SecOpsDxDbContext db, string userId, DateTime now, CancellationToken ct = default)
    {
        var open = await db.Set<PasswordSetupLink>().Where(l => l.UserId == userId && l.UsedAt == null && l.ExpiresAt > now).ToListAsync(ct);
        foreach (var link in open) link.ExpiresAt = now;
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
