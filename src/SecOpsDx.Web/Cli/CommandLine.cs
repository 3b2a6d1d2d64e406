using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Cli;

/// <summary>
/// Verbs that run instead of the web server: `dotnet SecOpsDx.Web.dll VERB [args]`.
/// Each prints what it did and exits non-zero on failure.
/// </summary>
public static class CommandLine
{
    private sealed record Verb(string Name, string Usage, Func<IServiceProvider, VerbArgs, TextWriter, CancellationToken, Task<int>> Run);

    private static readonly Verb[] Verbs =
    [
        new("migrate", "migrate", MigrateAsync),
        new("seed-demo", "seed-demo [--staff N] [--incidents N]", SeedDemoAsync),
        new("create-admin", "create-admin --email ADDRESS   (password from SECOPSDX_ADMIN_PASSWORD, else generated and printed)", CreateAdminAsync),
        new("import-staff", "import-staff FILE [--skip-invalid]", ImportStaffVerb.RunAsync),
        new("audit-verify", "audit-verify", AuditVerifyAsync),
        new("create-api-token", "create-api-token --name NAME --scopes incidents:write,incidents:read", CreateApiTokenAsync),
    ];

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (args[0] is "help" or "--help" || Verbs.Any(v => v.Name == args[0]));

    /// <summary>Arguments for the host builder: verbs keep their own arguments away from configuration.</summary>
    public static string[] HostArguments(string[] args) => IsVerb(args) ? [] : args;

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            output.WriteLine("Verbs:");
            foreach (var v in Verbs) output.WriteLine($"  {v.Usage}");
            return args[0] is "help" or "--help" ? 0 : 2;
        }

        VerbArgs parsed;
        try
        {
            parsed = VerbArgs.Parse(args.Skip(1));
        }
        catch (ArgumentException e)
        {
            output.WriteLine($"error: {e.Message}");
            output.WriteLine($"usage: {verb.Usage}");
            return 2;
        }

        Directory.CreateDirectory(app.Services.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.ResolveDataDirectory());
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, $"cli:{verb.Name}");
        try
        {
            if (verb.Name != "migrate")
            {
                // Every verb works on an up-to-date schema.
                await DataServiceCollectionExtensions.MigrateAsync(sp.GetRequiredService<SecOpsDxDbContext>());
                await AccountSetup.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
            }
            return await verb.Run(sp, parsed, output, CancellationToken.None);
        }
        catch (VerbException e)
        {
            output.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider sp, VerbArgs args, TextWriter output, CancellationToken ct)
    {
        args.EnsureNoOthers();
        var db = sp.GetRequiredService<SecOpsDxDbContext>();
        var pending = (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database, ct)).ToList();
        await DataServiceCollectionExtensions.MigrateAsync(db, ct);
        await AccountSetup.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
        output.WriteLine(pending.Count == 0
            ? "データベースは最新です / database is up to date"
            : $"{pending.Count} 件のマイグレーションを適用しました / applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider sp, VerbArgs args, TextWriter output, CancellationToken ct)
    {
        var staff = args.Int("staff", defaultValue: sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.DemoStaffCount, min: 0, max: 1_000_000);
        var incidents = args.Int("incidents", defaultValue: 0, min: 0, max: 1_000_000);
        args.EnsureNoOthers();
        var env = sp.GetRequiredService<IHostEnvironment>();
        var result = await DemoSeeding.SeedAsync(sp, staff, includeAccounts: env.IsDevelopment(), ct);
        DemoSeeding.PrintAccounts(result, output);
        if (incidents > 0)
        {
            var added = await SecOpsDx.Core.Demo.DemoIncidents.SeedAsync(
                sp.GetRequiredService<SecOpsDx.Core.Data.SecOpsDxDbContext>(), incidents, sp.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
            output.WriteLine($"デモのインシデントを {added} 件作成しました / {added} demo incidents added.");
        }
        if (!env.IsDevelopment())
            output.WriteLine("Demo accounts are created only in the Development environment.");
        return 0;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider sp, VerbArgs args, TextWriter output, CancellationToken ct)
    {
        var email = args.Required("email");
        args.EnsureNoOthers();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
            throw new VerbException($"'{email}' is not an e-mail address");
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            if (!await users.IsInRoleAsync(existing, Roles.Admin))
                await users.AddToRoleAsync(existing, Roles.Admin);
            output.WriteLine($"{email} は既に存在します。管理者ロールを付与しました / {email} already exists and now has the Admin role (password unchanged).");
            return 0;
        }
        var password = Environment.GetEnvironmentVariable("SECOPSDX_ADMIN_PASSWORD");
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = Passwords.Generate();
        try
        {
            await AccountSetup.EnsureUserAsync(users, email, password!, null, Roles.Admin);
        }
        catch (InvalidOperationException e)
        {
            throw new VerbException(e.Message);
        }
        output.WriteLine($"管理者を作成しました / administrator created: {email}");
        if (generated) output.WriteLine($"初期パスワード / initial password: {password}   (change it after signing in)");
        return 0;
    }

    private static async Task<int> CreateApiTokenAsync(IServiceProvider sp, VerbArgs args, TextWriter output, CancellationToken ct)
    {
        var name = args.Required("name");
        var scopes = args.Required("scopes").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        args.EnsureNoOthers();
        try
        {
            var issued = await sp.GetRequiredService<SecOpsDx.Core.Api.ApiTokenService>().CreateAsync(name, scopes, ct);
            output.WriteLine($"APIトークンを作成しました / API token created: {issued.Name} ({string.Join(", ", issued.Scopes)})");
            output.WriteLine(issued.Token);
            output.WriteLine("このトークンは二度と表示されません / this token is not shown again: store it in the calling system now.");
            return 0;
        }
        catch (SecOpsDx.Core.ValidationFailedException e)
        {
            throw new VerbException(e.Message);
        }
    }

    private static async Task<int> AuditVerifyAsync(IServiceProvider sp, VerbArgs args, TextWriter output, CancellationToken ct)
    {
        args.EnsureNoOthers();
        var result = await AuditChainVerifier.VerifyAsync(sp.GetRequiredService<SecOpsDxDbContext>(), ct);
        if (result.IsIntact)
        {
            output.WriteLine($"監査証跡は改ざんされていません / audit trail intact: {result.EntriesChecked} entries verified.");
            return 0;
        }
        output.WriteLine($"監査証跡の改ざんを検出しました / audit trail BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}");
        output.WriteLine($"({result.EntriesChecked} entries before it verified)");
        return 3;
    }
}

public sealed class VerbException(string message) : Exception(message);
