using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Web.Hosting;

/// <summary>Puts the user's preferences and two-factor state into the sign-in cookie.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.TwoFactorEnabled, user.TwoFactorEnabled ? "true" : "false"));
        if (!string.IsNullOrEmpty(user.PreferredCulture))
            identity.AddClaim(new Claim(AppClaims.Culture, user.PreferredCulture));
        if (!string.IsNullOrEmpty(user.DateStyle))
            identity.AddClaim(new Claim(AppClaims.DateStyle, user.DateStyle));
        if (!string.IsNullOrEmpty(user.DisplayName))
            identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
