using SecOpsDx.Core.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Policies;
using SecOpsDx.Web.Features.PolicyRegister;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Features.Separation;
using SecOpsDx.Web.Api;
using SecOpsDx.Web.Features.Incidents;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Organization.Ldap;
using SecOpsDx.Core.Mail;
using SecOpsDx.Web.Jobs;
using SecOpsDx.Web.Components;
using SecOpsDx.Web.Components.Account;
using SecOpsDx.Web.Features.Compliance;

namespace SecOpsDx.Web.Hosting;

public static class SecOpsDxHosting
{
    public static WebApplicationBuilder AddSecOpsDx(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SecOpsDxOptions>(builder.Configuration.GetSection(SecOpsDxOptions.Section));
        services.Configure<DirectorySettings>(builder.Configuration.GetSection(DirectorySettings.Section));
        services.Configure<SecOpsDx.Core.Mail.MailSettings>(builder.Configuration.GetSection(SecOpsDx.Core.Mail.MailSettings.Section));
        services.Configure<SecOpsDx.Core.Reminders.ReminderSettings>(builder.Configuration.GetSection(SecOpsDx.Core.Reminders.ReminderSettings.Section));
        services.AddMail();

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddSecOpsDxDatabase(sp => sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.DatabasePath);
        // Keys that protect sign-in cookies live with the data, so sessions survive a restart; encrypted at rest where configured.
        builder.AddSecOpsDxKeyProtection();
        // Japanese text is written as is, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<ICurrentActor, WebCurrentActor>();

        services.AddIdentityAndAuthorization();

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(AppCultures.Japanese);
            o.AddSupportedCultures(AppCultures.Supported);
            o.AddSupportedUICultures(AppCultures.Supported);
            o.RequestCultureProviders = [new UserCultureProvider(), new CookieRequestCultureProvider()];
        });

        // A pasted e-mail in a bound field travels in one circuit message; past the hub's limit the message is
        // dropped and the server never sees the text. Sized from the longest value any field lets through.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = SecOpsDx.Web.Components.Shared.TextLimits.CircuitMessageBytes);
        services.AddOrganization();
        services.AddTraining();
        services.AddAuditing();
        services.AddIncidents(
            sp => Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.ConfigDirectory), IncidentTaxonomy.FileName),
            sp => Path.Combine(sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.ResolveDataDirectory(), "evidence"));
        services.AddPolicies(PolicyFolder.EditionsPath, PolicyFolder.Settings, PolicyFolder.OrgansPath);
        services.AddSeparation(
            sp => Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.ConfigDirectory), ControlCatalogue.FileName));
        services.AddApiTokens();
        services.AddComplianceDashboard(builder.Configuration);
        services.AddKeyedSingleton(ClientFailureLimiter.Api, (sp, _) =>
            new ClientFailureLimiter(sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.Api.FailedAuthPerMinute, TimeSpan.FromMinutes(1)));
        services.AddKeyedSingleton(ClientFailureLimiter.SetupLink, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.SignIn;
            return new ClientFailureLimiter(o.UnknownSetupLinksPerClient, TimeSpan.FromMinutes(Math.Max(1, o.WindowMinutes)));
        });
        services.AddSingleton(sp => SignInThrottle.Create(sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.SignIn));
        services.AddSecOpsDxHealthChecks();
        services.AddSingleton<AuditCheckpointing>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointing>());
        builder.AddSecOpsDxProtection();
        builder.AddSecOpsDxJobs();
        return builder;
    }

    private static void AddIdentityAndAuthorization(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "SecOpsDx.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Every request checks the session still stands (lock, role change, password reset, sign-out end it);
            // Identity's own stamp validator keeps running after it, at its interval, to refresh the claims.
            var refreshClaims = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                await SessionCheck.ValidateCookieAsync(context);
                if (context.Principal is not null) await refreshClaims(context);
            };
            o.Events.OnSigningIn = SessionCheck.AttachSessionAsync;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = SessionCheck.KeepSessionOnRefresh);

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = SignInThrottle.AccountLockoutThreshold;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SecOpsDxDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();
        services.AddScoped<IdentityErrorDescriber, JapaneseIdentityErrorDescriber>();

        services.AddAuthorization(o =>
        {
            Policies.Configure(o);
            o.AddPolicy(IncidentsApi.WritePolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiTokenAuthenticationHandler.ScopeClaim, ApiScopes.IncidentsWrite));
            o.AddPolicy(IncidentsApi.ReadPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiTokenAuthenticationHandler.ScopeClaim, ApiScopes.IncidentsRead));
            o.AddPolicy(ComplianceApi.ReadPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiTokenAuthenticationHandler.ScopeClaim, ApiScopes.ComplianceRead));
        });
        services.AddSingleton<IAuthorizationHandler, TwoFactorEnrolledHandler>();
    }

    /// <summary>Creates or upgrades the database, the roles and, in Development, the demo municipality.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SecOpsDxOptions>>().Value;
        var tightened = options.EnsureDataDirectory();
        if (tightened.Count > 0)
            app.Logger.LogWarning("Data folder: took group and other access off {Count} files and folders (now 0600/0700): {Paths}",
                tightened.Count, string.Join(", ", tightened.Take(20)) + (tightened.Count > 20 ? ", …" : ""));
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "system:startup");
        var db = sp.GetRequiredService<SecOpsDxDbContext>();
        await DataServiceCollectionExtensions.MigrateAsync(db);
        await AccountProvisioning.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
        // Load and validate the catalogues now, so a broken file stops the start with its reason.
        sp.GetRequiredService<IncidentTaxonomy>();
        sp.GetRequiredService<GuidelineEditions>();
        sp.GetRequiredService<MunicipalOrgans>();
        var controls = sp.GetRequiredService<ControlCatalogue>();
        // A control id that left the catalogue is retired (dated, its record kept); one that came back is listed again.
        var synced = await ControlCatalogueSync.SyncAsync(db, controls, sp.GetRequiredService<TimeProvider>().GetUtcNow());
        if (synced.Retired.Count > 0 || synced.Reinstated.Count > 0)
            app.Logger.LogInformation("Control catalogue: retired {Retired}; listed again {Reinstated}",
                string.Join(", ", synced.Retired), string.Join(", ", synced.Reinstated));
        // Tickets stored before every route kept the PPC duty get it now, so no deadline stays hidden.
        await sp.GetRequiredService<RegulatoryDuty>().BackfillAsync(db);

        var log = app.Logger;
        log.LogInformation("Database: {Path}", options.DatabasePath);
        KeyProtection.CheckAtStart(app.Services, log);
        var directory = app.Services.GetRequiredService<IOptions<DirectorySettings>>().Value;
        if (directory.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("Directory sign-in settings cannot be used: " + string.Join("; ", problems));
        var mail = app.Services.GetRequiredService<IOptions<SecOpsDx.Core.Mail.MailSettings>>().Value;
        if (mail.Problems() is { Count: > 0 } mailProblems)
            throw new InvalidOperationException("Mail settings cannot be used: " + string.Join("; ", mailProblems));
        if (directory.Enabled)
        {
            log.LogInformation("Directory sign-in: {Host}:{Port} ({Transport}), people under {Base}", directory.Host, directory.EffectivePort, directory.Transport, directory.UserBaseDn);
            // Accounts linked before linking removed the local password (or given one since) lose it now.
            var dropped = await sp.GetRequiredService<DirectoryAccounts>().DropLocalPasswordsOfLinkedAccountsAsync();
            if (dropped > 0)
                log.LogWarning("Directory sign-in: {Count} linked accounts had a local password; it was removed (they sign in through the directory)", dropped);
        }
        await app.Services.GetRequiredService<AuditCheckpointing>().AdvanceAsync(db);
        if (app.Environment.IsDevelopment() && !await db.Users.AnyAsync())
        {
            var result = await DemoSeeding.SeedAsync(sp, options.DemoStaffCount, includeAccounts: true);
            DemoSeeding.PrintAccounts(result, Console.Out);
        }
        else if (!await AccountProvisioning.AnyAdminAsync(db))
        {
            Console.WriteLine("管理者アカウントがありません。作成するには: dotnet SecOpsDx.Web.dll create-admin --email ADDRESS");
            Console.WriteLine("No administrator exists yet. Create one with: dotnet SecOpsDx.Web.dll create-admin --email ADDRESS");
        }
    }

    public static WebApplication UseSecOpsDx(this WebApplication app)
    {
        app.UseSecOpsDxProtection();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        // The frame rule is part of the one Content-Security-Policy every answer carries (Protection).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        app.MapSecOpsDxHealth();
        app.MapIncidentEndpoints();
        app.MapPolicyEndpoints();
        app.MapControlEndpoints();
        app.MapComplianceEndpoints();
        return app;
    }
}
