using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Web.Hosting;

/// <summary>Roles and first accounts.</summary>
public static class AccountSetup
{
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }
    }

    public static Task<bool> AnyAdminAsync(SecOpsDxDbContext db) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin));

    /// <summary>Creates the account or, when it exists, gives it the roles; never changes an existing password.</summary>
    public static async Task<(ApplicationUser User, bool Created)> EnsureUserAsync(
        UserManager<ApplicationUser> users, string email, string password, string? displayName, params string[] roles)
    {
        var user = await users.FindByEmailAsync(email);
        var created = false;
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            Check(await users.CreateAsync(user, password), email);
            created = true;
        }
        foreach (var role in roles)
        {
            if (!await users.IsInRoleAsync(user, role))
                Check(await users.AddToRoleAsync(user, role), $"{email} → {role}");
        }
        return (user, created);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"{what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
