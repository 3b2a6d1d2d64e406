using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecOpsDx.Core;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Cli;

/// <summary>
/// Every verb, what it takes and what it does. A verb that makes one value (a token, a generated password)
/// prints that value alone on standard output so that a script can capture it; what it says about it goes
/// to standard error. Other verbs print their report on standard output and their errors on standard error.
/// </summary>
public static class Verbs
{
    private const int MostDemoRows = 1_000_000;

    public static readonly IReadOnlyList<Verb> All =
    [
        new("migrate", "Create the database, or bring it up to date.", [], [], MigrateAsync),
        new("seed-demo", "Add demo departments and staff; the same N on the same date gives the same data.", [],
        [
            new("staff", "N", "how many demo staff members (default: the SecOpsDx:DemoStaffCount setting)", Check: ValueCheck.WholeNumber(0, MostDemoRows)),
            new("incidents", "N", "also add N past incident tickets (default 0; the benchmark uses this)", Check: ValueCheck.WholeNumber(0, MostDemoRows)),
        ], SeedDemoAsync, "Sign-in accounts for the demo roles are made in the Development environment only."),
        new("create-admin", "Create an administrator, or give an existing account the Admin role.", [],
        [
            new("email", "ADDRESS", "the administrator's e-mail address, which is also the sign-in name", Required: true, Check: ValueCheck.Email),
        ], CreateAdminAsync,
            "The password is taken from SECOPSDX_ADMIN_PASSWORD. Without it one is generated and printed alone on\n" +
            "standard output (capture it with PASSWORD=$(...)); everything else goes to standard error."),
        new("import-staff", "Import the staff roster CSV from the HR system (UTF-8 or Shift_JIS).",
        [
            new("FILE", "the roster CSV file"),
        ],
        [
            new("skip-invalid", null, "import the valid rows and skip the refused ones (without it: all or nothing)"),
        ], ImportStaffVerb.RunAsync, "Exits 1 when nothing was imported; refused rows are listed by line and column."),
        new("import-training", "Record completions of a training course from an e-learning CSV (UTF-8 or Shift_JIS).",
        [
            new("COURSE_ID", "the course's number (shown in its address: /training/courses/N)"),
            new("FILE", "the CSV: 職員番号 or メールアドレス, 受講日 (western or 和暦), optional 得点"),
        ],
        [
            new("skip-invalid", null, "record the valid rows and skip the refused ones (without it: all or nothing)"),
        ], ImportTrainingVerb.RunAsync, "Exits 1 when nothing was recorded; refused rows are listed by line and column."),
        new("sync-policies", "Import the Markdown policy files into the policy register.",
        [
            new("DIR", "the folder of policy files (default: SecOpsDx:Policies:Directory, or the policies folder beside the app)", Optional: true),
        ], [], SyncPoliciesVerb.RunAsync,
            "A new file becomes a document, a raised version a new draft revision (approved when the file says\n" +
            "approved: true and SecOpsDx:Policies:SyncMayApprove is set), an unchanged file changes nothing.\n" +
            "A file that cannot be read is named with its reason while the others import; exit 1 when one was refused."),
        new("audit-verify", "Check the hash chain of the audit trail.", [],
        [
            new("expect-head", "SEQ:HASH", "a head printed by an earlier run, which the trail must still hold",
                Check: new("must be SEQ:HASH as audit-verify prints it (a number, a colon, 64 hex digits)", v => AuditHead.TryParse(v, out _))),
        ], AuditVerifyAsync,
            "Prints the head of the trail (SEQ:HASH) on standard output; keep it elsewhere to compare later.\n" +
            "Exits 3 and names the first broken entry when an entry was changed or removed, or when the trail\n" +
            "no longer reaches the expected head or the signed checkpoint in the data folder (newest entries\n" +
            "deleted). An intact run writes a new checkpoint."),
        new("sync-directory", "Compare the staff who sign in through the directory with the directory itself.", [], [],
            SyncDirectoryAsync,
            "Staff whose directory account is gone or disabled are listed for an Admin to confirm as retired on the\n" +
            "directory check page (nobody is retired by this verb). Exits 3 when the directory cannot be reached,\n" +
            "2 when directory sign-in is not enabled (SecOpsDx:Directory:Enabled)."),
        new("run-job", "Run a background job now.",
        [
            new("JOB", "reminders: evaluate every reminder rule now and queue what is due; send-mail: deliver every queued e-mail now, whatever its retry wait"),
        ], [], RunJobAsync,
            "Exits 0 when the job ran. When the mail server is down, send-mail says so on standard error, keeps\n" +
            "every message queued for the next run, and still exits 0."),
        new("create-api-token", "Issue a token with which another system calls the incident API.", [],
        [
            new("name", "NAME", "who or what uses the token, e.g. the monitoring system", Required: true),
            new("scopes", "SCOPES", $"what it may do: {string.Join(" and/or ", ApiScopes.All)}, separated by commas", Required: true,
                Check: ValueCheck.CommaSeparated(ApiScopes.All)),
        ], CreateApiTokenAsync,
            "Prints the token alone on standard output (capture it with TOKEN=$(...)); it is shown this once,\n" +
            "only its hash is stored. Administrators list and revoke tokens on the API tokens page."),
    ];

    private static async Task<int> MigrateAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SecOpsDxDbContext>();
        var pending = (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database, ct)).ToList();
        await DataServiceCollectionExtensions.MigrateAsync(db, ct);
        await AccountProvisioning.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
        console.Out.WriteLine(pending.Count == 0
            ? "データベースは最新です / database is up to date"
            : $"{pending.Count} 件のマイグレーションを適用しました / applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return ExitCodes.Done;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var staff = args.Number("staff") ?? sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.DemoStaffCount;
        var incidents = args.Number("incidents") ?? 0;
        var env = sp.GetRequiredService<IHostEnvironment>();
        var result = await DemoSeeding.SeedAsync(sp, staff, includeAccounts: env.IsDevelopment(), ct);
        DemoSeeding.PrintAccounts(result, console.Out);
        if (incidents > 0)
        {
            var added = await SecOpsDx.Core.Demo.DemoIncidents.SeedAsync(
                sp.GetRequiredService<SecOpsDxDbContext>(), sp.GetRequiredService<SecOpsDx.Core.Incidents.IncidentTaxonomy>(), incidents,
                sp.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
            console.Out.WriteLine($"デモのインシデントを {added} 件作成しました / {added} demo incidents added.");
        }
        if (!env.IsDevelopment())
            console.Out.WriteLine("Demo accounts are created only in the Development environment.");
        return ExitCodes.Done;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var email = args.Value("email")!;
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var password = Environment.GetEnvironmentVariable("SECOPSDX_ADMIN_PASSWORD");
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = Passwords.Generate();
        bool created;
        try
        {
            (_, created) = await AccountProvisioning.EnsureUserAsync(users, email, password!, null, Roles.Admin);
        }
        catch (DomainException e)
        {
            throw new VerbException(UserMessages.Describe(e));
        }
        if (!created)
        {
            console.Error.WriteLine($"{email} は既に存在します。管理者ロールを付与しました / {email} already exists and now has the Admin role (password unchanged).");
            return ExitCodes.Done;
        }
        console.Error.WriteLine($"管理者を作成しました / administrator created: {email}");
        if (generated)
        {
            console.Error.WriteLine("初期パスワードは標準出力に一度だけ表示します。サインイン後に変更してください / the initial password is printed once on standard output: change it after signing in.");
            console.Out.WriteLine(password);
        }
        return ExitCodes.Done;
    }

    private static async Task<int> CreateApiTokenAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var scopes = args.Value("scopes")!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            var issued = await sp.GetRequiredService<ApiTokenService>().CreateAsync(args.Value("name"), scopes, ct);
            console.Error.WriteLine($"APIトークンを作成しました / API token created: {issued.Name} ({string.Join(", ", issued.Scopes)})");
            console.Error.WriteLine("このトークンは二度と表示されません / this token is not shown again: store it in the calling system now.");
            console.Out.WriteLine(issued.Token);
            return ExitCodes.Done;
        }
        catch (SecOpsDx.Core.DomainException e)
        {
            throw new VerbException(SecOpsDx.Web.Components.Shared.UserMessages.Describe(e));
        }
    }

    private static async Task<int> SyncDirectoryAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var settings = sp.GetRequiredService<IOptions<SecOpsDx.Core.Organization.Ldap.DirectorySettings>>().Value;
        if (!settings.Enabled)
        {
            console.Error.WriteLine("ディレクトリ認証が有効になっていません / directory sign-in is not enabled (SecOpsDx:Directory:Enabled=true)");
            return ExitCodes.BadUsage;
        }
        if (settings.Problems() is { Count: > 0 } problems)
        {
            foreach (var p in problems) console.Error.WriteLine(p);
            return ExitCodes.BadUsage;
        }
        sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "sync-directory");
        var check = sp.GetRequiredService<SecOpsDx.Core.Organization.Ldap.DirectoryCheck>();
        var result = await check.SyncAsync(ct);
        if (result is null)
        {
            console.Error.WriteLine($"ディレクトリに接続できません / the directory {settings.Host}:{settings.EffectivePort} cannot be used: {check.LastProblem}");
            return ExitCodes.Unavailable;
        }
        console.Out.WriteLine($"ディレクトリの利用者 / people in the directory: {result.PeopleInDirectory}");
        console.Out.WriteLine($"ディレクトリ連携している在職者 / staff in post signing in through it: {result.LinkedStaff}");
        console.Out.WriteLine($"新たな照合結果 / new findings (account gone, disabled or expired): {result.NewFindings}");
        console.Out.WriteLine($"復帰 / restored since the last check: {result.Restored}");
        console.Out.WriteLine($"確認待ち / waiting for an Admin on the directory check page: {result.OpenFindings}");
        return ExitCodes.Done;
    }

    private static async Task<int> RunJobAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var job = args.Argument("JOB");
        if (job == "reminders")
        {
            sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "run-job reminders");
            var run = await sp.GetRequiredService<SecOpsDx.Web.Jobs.ReminderMailer>().RunAsync(ct);
            console.Out.WriteLine($"通知対象 / notices due: {run.Notices}, 新たに送信待ち / newly queued: {run.Queued}");
            return ExitCodes.Done;
        }
        if (job != "send-mail")
        {
            console.Error.WriteLine($"error: unknown job '{job}' (jobs: reminders, send-mail)");
            return ExitCodes.BadUsage;
        }
        sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "run-job send-mail");
        var result = await sp.GetRequiredService<SecOpsDx.Core.Mail.MailDelivery>().DeliverAsync(everything: true, ct);
        console.Out.WriteLine($"送信 / sent: {result.Sent}, 拒否 / refused by the server: {result.Refused}, 断念 / given up: {result.GaveUp}, 待機中 / still queued: {result.StillQueued}");
        if (result.ServerProblem is { } problem)
            console.Error.WriteLine($"メールサーバーを使えません。未送信のメールは次回に送ります / the mail server cannot be used, queued mail stays queued: {problem}");
        return ExitCodes.Done;
    }

    private static async Task<int> AuditVerifyAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SecOpsDxDbContext>();
        var result = await AuditChainVerifier.VerifyAsync(db, ct);
        if (!result.IsIntact)
        {
            console.Error.WriteLine($"監査証跡の改ざんを検出しました / audit trail BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}");
            console.Error.WriteLine($"({result.EntriesChecked} entries before it verified)");
            return ExitCodes.AuditChainBroken;
        }
        var head = await AuditHead.OfAsync(db, ct);
        if (args.Value("expect-head") is { } expectedText && AuditHead.TryParse(expectedText, out var expected)
            && await expected.FindMismatchAsync(db, ct) is { } againstExpected)
        {
            console.Error.WriteLine($"監査証跡が記録済みの末尾と一致しません / audit trail BROKEN against --expect-head {expected}: {againstExpected}");
            return ExitCodes.AuditChainBroken;
        }
        var checkpoint = AuditCheckpointOf(sp);
        try
        {
            if (checkpoint.Read() is { } saved && await saved.Head.FindMismatchAsync(db, ct) is { } againstCheckpoint)
            {
                console.Error.WriteLine($"監査証跡が前回のチェックポイントと一致しません / audit trail BROKEN against the checkpoint of {saved.At:O} ({saved.Head}): {againstCheckpoint}");
                return ExitCodes.AuditChainBroken;
            }
        }
        catch (InvalidDataException e)
        {
            console.Error.WriteLine($"チェックポイントを信頼できません / audit checkpoint not trusted: {e.Message}");
            return ExitCodes.AuditChainBroken;
        }
        checkpoint.Write(head, sp.GetRequiredService<TimeProvider>().GetUtcNow());
        console.Out.WriteLine($"監査証跡は改ざんされていません / audit trail intact: {result.EntriesChecked} entries verified.");
        console.Out.WriteLine($"head: {head}");
        return ExitCodes.Done;
    }

    /// <summary>The checkpoint beside the database; its key sits in the data folder's keys directory, outside the database.</summary>
    public static AuditCheckpoint AuditCheckpointOf(IServiceProvider sp) =>
        AuditCheckpointing.Of(sp.GetRequiredService<IOptions<SecOpsDxOptions>>().Value);
}
