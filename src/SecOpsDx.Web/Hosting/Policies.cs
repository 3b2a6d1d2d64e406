using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Web.Hosting;

/// <summary>Authorization policies. Every page and endpoint names one of these.</summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string SignedIn = nameof(SignedIn);
    public const string Admin = nameof(Admin);
    /// <summary>Reads the audit trail: Admin and CISO.</summary>
    public const string AuditReader = nameof(AuditReader);
    /// <summary>Works incident tickets: the CSIRT (PoC).</summary>
    public const string IncidentHandler = nameof(IncidentHandler);
    /// <summary>Reads incident tickets and their statistics: the CSIRT and the CISO.</summary>
    public const string IncidentReader = nameof(IncidentReader);
    /// <summary>Training lists of a department and paper records: managers (their own department only) and the CISO office.</summary>
    public const string TrainingManager = nameof(TrainingManager);
    /// <summary>Training courses, rates, imports and drills: Admin and CISO.</summary>
    public const string TrainingAdmin = nameof(TrainingAdmin);

    /// <summary>Keeps the policy register: sees every document, drafts, approves and records reviews (CISO and Admin).</summary>
    public const string PolicyAdmin = nameof(PolicyAdmin);
    /// <summary>Follows the acknowledgments of a department: managers, and the CISO and Admin for any department.</summary>
    public const string PolicyManager = nameof(PolicyManager);
    /// <summary>Manages the three-layer controls (model, systems, owners, exceptions): Admin and CISO.</summary>
    public const string ControlManager = nameof(ControlManager);
    /// <summary>Sees the three-layer control pages: the CISO office and managers, who see and record the controls they own.</summary>
    public const string ControlOwner = nameof(ControlOwner);

    /// <summary>The compliance dashboard and its lists: the CISO office for everything, managers for their own department.</summary>
    public const string ComplianceReader = nameof(ComplianceReader);

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser().AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(AuditReader, p => p.RequireRole(Roles.Admin, Roles.Ciso).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(IncidentHandler, p => p.RequireRole(Roles.Csirt).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(PolicyAdmin, p => p.RequireRole(Roles.Ciso, Roles.Admin).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(PolicyManager, p => p.RequireRole(Roles.Manager, Roles.Ciso, Roles.Admin).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(ControlManager, p => p.RequireRole(Roles.Admin, Roles.Ciso).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(ControlOwner, p => p.RequireRole(Roles.Admin, Roles.Ciso, Roles.Manager).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(IncidentReader, p => p.RequireRole(Roles.Csirt, Roles.Ciso).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(TrainingManager, p => p.RequireRole(Roles.Manager, Roles.Admin, Roles.Ciso).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(TrainingAdmin, p => p.RequireRole(Roles.Admin, Roles.Ciso).AddRequirements(new TwoFactorEnrolledRequirement()));
        options.AddPolicy(ComplianceReader, p => p.RequireRole(Roles.Ciso, Roles.Admin, Roles.Manager).AddRequirements(new TwoFactorEnrolledRequirement()));
    }
}

public static class AppClaims
{
    public const string TwoFactorEnabled = "secopsdx:2fa";
    public const string Culture = "secopsdx:culture";
    public const string DateStyle = "secopsdx:datestyle";
    public const string DisplayName = "secopsdx:name";

    /// <summary>The server-side session the cookie belongs to (<see cref="SecOpsDx.Core.Organization.SignInSessions"/>).</summary>
    public const string Session = "secopsdx:sid";
}

/// <summary>When the organisation requires it, privileged roles may act only with two-factor sign-in set up.</summary>
public sealed class TwoFactorEnrolledRequirement : IAuthorizationRequirement;

public sealed class TwoFactorEnrolledHandler(IOptionsMonitor<SecOpsDxOptions> options)
    : AuthorizationHandler<TwoFactorEnrolledRequirement>
{
    public const string FailureReason = "two-factor-required";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorEnrolledRequirement requirement)
    {
        if (IsSatisfied(context.User, options.CurrentValue.RequireTwoFactorForPrivilegedRoles))
            context.Succeed(requirement);
        else
            context.Fail(new AuthorizationFailureReason(this, FailureReason));
        return Task.CompletedTask;
    }

    public static bool IsSatisfied(System.Security.Claims.ClaimsPrincipal user, bool required) =>
        !required
        || !Roles.Privileged.Any(user.IsInRole)
        || user.HasClaim(AppClaims.TwoFactorEnabled, "true");
}
