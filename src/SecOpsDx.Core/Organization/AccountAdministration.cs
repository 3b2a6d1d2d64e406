using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization;

public sealed record UserRow(
    string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, string? EmployeeNumber, string? StaffName,
    bool LockedOut, bool TwoFactorEnabled);

/// <summary>A password shown once to the administrator, to hand over to the person.</summary>
public sealed record IssuedPassword(string Email, string Password);

/// <summary>
/// Sign-in accounts of staff: creating them, their roles, locking and password resets. Each operation runs in a
/// fresh scope (Identity keeps a DbContext) but is audited under the administrator who asked for it.
/// </summary>
public sealed class AccountAdministration(IServiceScopeFactory scopes, ICurrentActor actor, IDbContextFactory<SecOpsDxDbContext> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(string? text = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            q = q.Where(u => u.Email!.Contains(t) || (u.DisplayName != null && u.DisplayName.Contains(t)));
        }
        var users = await q.OrderBy(u => u.Email).Take(500).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.UserId != null && ids.Contains(s.UserId))
            .Select(s => new { s.UserId, s.EmployeeNumber, s.FullName }).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return users.Select(u =>
        {
            var person = staff.FirstOrDefault(s => s.UserId == u.Id);
            return new UserRow(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(),
                person?.EmployeeNumber, person?.FullName, u.LockoutEnd is { } end && end > now, u.TwoFactorEnabled);
        }).ToList();
    }

    /// <summary>Creates the account of a staff member from their e-mail address, with the Staff role and any others given.</summary>
    public async Task<IssuedPassword> CreateForStaffAsync(int staffId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        CheckRoles(roles);
        return await InScopeAsync(async (sp, users) =>
        {
            var db = sp.GetRequiredService<SecOpsDxDbContext>();
            var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, ct)
                ?? throw new DomainException(ErrorCodes.StaffNotFound);
            if (staff.UserId is not null)
                throw new DomainException(ErrorCodes.StaffHasAccount);
            if (string.IsNullOrWhiteSpace(staff.Email))
                throw new DomainException(ErrorCodes.StaffHasNoEmail);
            if (await users.FindByEmailAsync(staff.Email) is not null)
                throw new DomainException(ErrorCodes.AccountEmailTaken, staff.Email);

            var password = Passwords.Generate();
            var user = await AccountProvisioning.CreateAsync(users, staff.Email, password, staff.FullName);
            AccountProvisioning.Check(await users.AddToRolesAsync(user, roles.Append(Roles.Staff).Distinct()));
            staff.UserId = user.Id;
            await db.SaveChangesAsync(ct);
            return new IssuedPassword(staff.Email, password);
        });
    }

    /// <summary>Replaces the roles of an account. The last administrator, and one's own Admin role, stay.</summary>
    public async Task SetRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        CheckRoles(roles);
        var me = (await actor.GetActorAsync()).UserId;
        await InScopeAsync(async (sp, users) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new DomainException(ErrorCodes.AccountNotFound);
            var current = await users.GetRolesAsync(user);
            var removingAdmin = current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin);
            if (removingAdmin && userId == me)
                throw new DomainException(ErrorCodes.OwnAdminRole);
            if (removingAdmin && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
                throw new DomainException(ErrorCodes.LastAdmin);
            AccountProvisioning.Check(await users.RemoveFromRolesAsync(user, current.Except(roles)));
            AccountProvisioning.Check(await users.AddToRolesAsync(user, roles.Except(current)));
            // Roles live in the sign-in cookie: a new stamp makes open sessions pick them up.
            AccountProvisioning.Check(await users.UpdateSecurityStampAsync(user));
            return true;
        });
    }

    /// <summary>Blocks sign-in until unlocked. Accounts are never deleted: their history stays in the audit trail.</summary>
    public Task LockAsync(string userId, CancellationToken ct = default) => SetLockoutAsync(userId, DateTimeOffset.MaxValue);

    public Task UnlockAsync(string userId, CancellationToken ct = default) => SetLockoutAsync(userId, null);

    /// <summary>Sets a new random password, shown once, and drops the account's open sessions.</summary>
    public async Task<IssuedPassword> ResetPasswordAsync(string userId, CancellationToken ct = default) =>
        await InScopeAsync(async (sp, users) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new DomainException(ErrorCodes.AccountNotFound);
            // A linked account signs in with its directory password alone; a local one would outlive its directory account.
            if (await sp.GetRequiredService<Ldap.DirectoryAccounts>().SignsInThroughDirectoryAsync(user))
                throw new DomainException(ErrorCodes.DirectoryAccountPassword);
            var password = Passwords.Generate();
            var token = await users.GeneratePasswordResetTokenAsync(user);
            AccountProvisioning.Check(await users.ResetPasswordAsync(user, token, password));
            AccountProvisioning.Check(await users.ResetAccessFailedCountAsync(user));
            return new IssuedPassword(user.Email ?? "", password);
        });

    private async Task SetLockoutAsync(string userId, DateTimeOffset? until)
    {
        var me = (await actor.GetActorAsync()).UserId;
        if (until is not null && userId == me)
            throw new DomainException(ErrorCodes.LockSelf);
        await InScopeAsync(async (sp, users) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new DomainException(ErrorCodes.AccountNotFound);
            // Identity saves through the same context, so the cancelled links are written with the lock.
            if (until is not null)
                await BulkAccounts.CancelOutstandingLinksAsync(sp.GetRequiredService<SecOpsDxDbContext>(), user.Id, time.GetUtcNow().UtcDateTime);
            AccountProvisioning.Check(await users.SetLockoutEndDateAsync(user, until));
            if (until is null) AccountProvisioning.Check(await users.ResetAccessFailedCountAsync(user));
            AccountProvisioning.Check(await users.UpdateSecurityStampAsync(user));
            return true;
        });
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, UserManager<ApplicationUser>, Task<T>> work)
    {
        var who = await actor.GetActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = who;
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    private static void CheckRoles(IEnumerable<string> roles)
    {
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0) throw new DomainException(ErrorCodes.UnknownRole, string.Join(", ", unknown));
    }

}
