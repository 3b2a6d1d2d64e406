using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization;

/// <summary>
/// The roles and accounts the app needs to exist: at start, for the first administrator, for the demo city, and
/// for <see cref="AccountAdministration"/>. One place turns Identity's refusals into a <see cref="DomainException"/>.
/// </summary>
public static class AccountProvisioning
{
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));
        }
    }

    public static Task<bool> AnyAdminAsync(SecOpsDxDbContext db) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin));

    /// <summary>Creates the account or, when it exists, gives it the roles; never changes an existing password.</summary>
    public static async Task<(ApplicationUser User, bool Created)> EnsureUserAsync(
        UserManager<ApplicationUser> users, string email, string password, string? displayName, params string[] roles)
    {
        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        user ??= await CreateAsync(users, email, password, displayName);
        foreach (var role in roles)
        {
            if (!await users.IsInRoleAsync(user, role))
                Check(await users.AddToRoleAsync(user, role));
        }
        return (user, created);
    }

    /// <summary>A new account signing in with its e-mail address, which counts as confirmed (the organisation knows it).</summary>
    public static async Task<ApplicationUser> CreateAsync(UserManager<ApplicationUser> users, string email, string password, string? displayName)
    {
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await users.CreateAsync(user, password));
        return user;
    }

    /// <summary>Identity's refusal (already in the user's language through the error describer) as a refused change.</summary>
    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(ErrorCodes.IdentityRefused, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
