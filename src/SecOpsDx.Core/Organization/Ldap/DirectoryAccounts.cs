using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>The SecOpsDx account of a directory person: found by its link, or made at the first sign-in from the staff record.</summary>
public sealed record DirectoryLink(ApplicationUser? User, DirectoryRefusalReason? Refused, IReadOnlyList<string> RolesAdded, IReadOnlyList<string> RolesRemoved);

/// <summary>
/// Links directory people to staff records and accounts, and keeps their roles in step with their directory groups.
/// The first sign-in finds the staff record by 職員番号 (or e-mail), creates the account without a password (it
/// signs in through the directory) and links it; later sign-ins find it by the directory's stable id.
/// </summary>
public sealed class DirectoryAccounts(
    SecOpsDxDbContext db, UserManager<ApplicationUser> users, IOptions<DirectorySettings> options, TimeProvider time, ILogger<DirectoryAccounts> log)
{
    public const string LoginProvider = "Directory";
    public const int MaxLoginName = 256;

    /// <summary>The account linked to a directory id, if any (for counting wrong passwords towards its lockout).</summary>
    public Task<ApplicationUser?> FindLinkedAsync(string directoryId) => users.FindByLoginAsync(LoginProvider, directoryId);

    public async Task<DirectoryLink> LinkAsync(DirectoryPerson person, string loginName, string? clientAddress, CancellationToken ct = default)
    {
        var user = await users.FindByLoginAsync(LoginProvider, person.Id);
        var staff = user is null ? await FindStaffAsync(person, ct) : await db.Staff.SingleOrDefaultAsync(s => s.UserId == user.Id, ct);
        if (user is null)
        {
            if (staff is null) return await RefuseAsync(DirectoryRefusalReason.NoStaffRecord, person, loginName, clientAddress, ct);
            if (!staff.IsActiveOn(JapanTime.Today(time)))
                return await RefuseAsync(DirectoryRefusalReason.StaffRetired, person, loginName, clientAddress, ct);
            user = staff.UserId is null ? null : await users.FindByIdAsync(staff.UserId);
            if (user is null)
            {
                var email = person.Email ?? staff.Email;
                if (string.IsNullOrWhiteSpace(email)) return await RefuseAsync(DirectoryRefusalReason.NoEmail, person, loginName, clientAddress, ct);
                user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = person.DisplayName ?? staff.FullName };
                AccountProvisioning.Check(await users.CreateAsync(user));
                AccountProvisioning.Check(await users.AddToRoleAsync(user, Roles.Staff));
                staff.UserId = user.Id;
                await db.SaveChangesAsync(ct);
            }
            AccountProvisioning.Check(await users.AddLoginAsync(user, new UserLoginInfo(LoginProvider, person.Id, "Directory")));
            log.LogInformation("Directory account {DirectoryId} linked to staff {EmployeeNumber}", person.Id, staff.EmployeeNumber);
            await DropLocalPasswordAsync(user, ct);
        }
        else if (staff is not null && !staff.IsActiveOn(JapanTime.Today(time)))
        {
            return await RefuseAsync(DirectoryRefusalReason.StaffRetired, person, loginName, clientAddress, ct);
        }
        var (added, removed) = await ApplyGroupRolesAsync(user, person.Groups);
        return new DirectoryLink(user, null, added, removed);
    }

    /// <summary>
    /// From the moment an account is linked to a directory identity it signs in through the directory alone: a local
    /// password (a demo account's, or one set from a アカウント一括作成 sheet) would keep working after the person is
    /// disabled in the directory, and while it is down. So the password is removed and unused set-password links are
    /// ended, except for the break-glass accounts named in settings.
    /// </summary>
    private async Task DropLocalPasswordAsync(ApplicationUser user, CancellationToken ct)
    {
        if (options.Value.IsBreakGlass(user.UserName, user.Email)) return;
        await BulkAccounts.CancelOutstandingLinksAsync(db, user.Id, time.GetUtcNow().UtcDateTime, ct);
        if (await users.HasPasswordAsync(user))
        {
            // RemovePassword also renews the security stamp, so sessions opened with the password end.
            AccountProvisioning.Check(await users.RemovePasswordAsync(user));
            log.LogInformation("The local password of {UserId} was removed: it signs in through the directory now", user.Id);
        }
        else
        {
            // Identity's store saves through this same context, so with a password to remove the cancelled links
            // were written with it; without one they are written here.
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// True when the account must sign in through the directory: directory sign-in is on, the account is linked to a
    /// directory identity, and it is not a break-glass account. Such an account has no local password to set or reset.
    /// </summary>
    public async Task<bool> SignsInThroughDirectoryAsync(ApplicationUser user)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.IsBreakGlass(user.UserName, user.Email)) return false;
        return (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == LoginProvider);
    }

    /// <summary>
    /// At start, with directory sign-in on: linked accounts that still have a local password (linked before this
    /// rule, or given one since) lose it, as at linking. Returns how many.
    /// </summary>
    public async Task<int> DropLocalPasswordsOfLinkedAccountsAsync(CancellationToken ct = default)
    {
        if (!options.Value.Enabled) return 0;
        var withPassword = await db.Users
            .Where(u => u.PasswordHash != null && db.UserLogins.Any(l => l.UserId == u.Id && l.LoginProvider == LoginProvider))
            .ToListAsync(ct);
        var dropped = 0;
        foreach (var user in withPassword.Where(u => !options.Value.IsBreakGlass(u.UserName, u.Email)))
        {
            await DropLocalPasswordAsync(user, ct);
            dropped++;
        }
        return dropped;
    }

    /// <summary>Refuses and keeps the refusal (audited), so the Admin sees who could not get in and why.</summary>
    public async Task<DirectoryLink> RefuseAsync(DirectoryRefusalReason reason, DirectoryPerson? person, string loginName, string? clientAddress, CancellationToken ct = default)
    {
        var name = FieldErrors.WithoutHarmfulCharacters(loginName)?.Trim() ?? "";
        db.Add(new DirectoryRefusal
        {
            At = time.GetUtcNow().UtcDateTime,
            LoginName = name.Length <= MaxLoginName ? name : name[..MaxLoginName],
            Reason = reason,
            EmployeeNumber = person?.EmployeeNumber is { Length: <= OrganizationLimits.EmployeeNumber } n ? n : null,
            ClientAddress = clientAddress is { Length: <= SignInSessions.MaxClientAddress } a ? a : null,
        });
        await db.SaveChangesAsync(ct);
        log.LogWarning("Directory sign-in of {LoginName} refused: {Reason}", name, reason);
        return new DirectoryLink(null, reason, [], []);
    }

    private async Task<StaffMember?> FindStaffAsync(DirectoryPerson person, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(person.EmployeeNumber)
            && await db.Staff.SingleOrDefaultAsync(s => s.EmployeeNumber == person.EmployeeNumber, ct) is { } byNumber)
            return byNumber;
        if (string.IsNullOrWhiteSpace(person.Email)) return null;
        var email = person.Email.ToLowerInvariant();
        var byEmail = await db.Staff.Where(s => s.Email != null && s.Email.ToLower() == email).Take(2).ToListAsync(ct);
        return byEmail.Count == 1 ? byEmail[0] : null;
    }

    /// <summary>
    /// Roles follow the groups: a mapped group's role is added, a role whose group the person left is removed, except
    /// Staff (everyone has it), the roles an Admin may give by hand, and the last Admin's Admin role.
    /// </summary>
    public async Task<(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)> ApplyGroupRolesAsync(ApplicationUser user, IReadOnlyList<string> groups)
    {
        var settings = options.Value;
        var memberOf = groups.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var mapped = settings.GroupRoles.Where(g => memberOf.Contains(Normalize(g.Group))).Select(g => g.Role)
            .Append(Roles.Staff).ToHashSet(StringComparer.Ordinal);
        var current = await users.GetRolesAsync(user);
        var add = mapped.Except(current).ToList();
        var remove = current.Except(mapped).Where(r => r != Roles.Staff && !settings.LocallyAssignableRoles.Contains(r)).ToList();
        if (remove.Contains(Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            log.LogWarning("Directory groups of {UserId} no longer give Admin, but it is the last administrator; the role stays", user.Id);
            remove.Remove(Roles.Admin);
        }
        if (add.Count == 0 && remove.Count == 0) return ([], []);
        if (remove.Count > 0) AccountProvisioning.Check(await users.RemoveFromRolesAsync(user, remove));
        if (add.Count > 0) AccountProvisioning.Check(await users.AddToRolesAsync(user, add));
        // Roles live in the cookie: the person's other sessions end and pick the new roles up at their next sign-in.
        AccountProvisioning.Check(await users.UpdateSecurityStampAsync(user));
        log.LogInformation("Directory groups changed the roles of {UserId}: +{Added} -{Removed}", user.Id, string.Join(",", add), string.Join(",", remove));
        return (add, remove);
    }

    /// <summary>"CN=A, OU=B,dc=C" and "cn=a,ou=b,dc=c" name the same entry.</summary>
    private static string Normalize(string dn) =>
        string.Join(',', dn.Split(',').Select(part => part.Trim())).ToLowerInvariant();
}
