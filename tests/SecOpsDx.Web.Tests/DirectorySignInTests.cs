using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Organization.Ldap;
using SecOpsDx.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Web.Cli;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Tests;

/// <summary>The app signing staff in against a real OpenLDAP server (slapd on loopback).</summary>
public sealed class DirectoryFixture : IAsyncLifetime
{
    public const string Password = "Ldap-Pass-2026";

    public static readonly Slapd.Person[] People =
    [
        // Linked by 職員番号; the directory's address differs from the roster's on purpose.
        new("sato", Password, "100001", "sato@directory.example", "佐藤 一"),
        // No 職員番号 in the directory: linked by the roster's e-mail address.
        new("suzuki", Password, null, "staff00002@city.example.jp", "鈴木 二"),
        new("gone", Password, "100003", "gone@directory.example", "退職 三", Disabled: true),
        new("tanaka", Password, "100004", "tanaka@directory.example", "田中 四"),
        new("mapper", Password, "100005", "mapper@directory.example", "移動 五"),
        new("leaver", Password, "100006", "leaver@directory.example", "退職 六"),
        new("absent", Password, "100007", "absent@directory.example", "削除 七"),
        new("onleave", Password, "100008", "onleave@directory.example", "休職 八"),
        new("yamada", Password, "100009", "yamada@directory.example", "山田 九"),
        new("nightly", Password, "100010", "nightly@directory.example", "夜間 十"),
        // Signs in to the directory fine but is nobody in the roster.
        new("ghost", Password, "999999", "ghost@directory.example", "名簿 なし"),
        // In a 課's group, which is inside the group that is inside the mapped CSIRT group.
        new("nested", Password, "100011", "nested@directory.example", "入れ子 十一"),
        // In two groups that contain each other.
        new("looper", Password, "100012", "looper@directory.example", "循環 十二"),
        // The demo account staff@example.jp (職員番号 D0005), which has a local password until it is linked.
        new("madoguchi", Password, "D0005", "staff@example.jp", "窓口 さくら"),
        // The demo administrator admin@example.jp (D0001), named as a break-glass account in the settings.
        new("johotaro", Password, "D0001", "admin@example.jp", "情報 太郎"),
        // Disabled, for the check that a refusal is only kept once the password was right.
        new("dormant", Password, "100013", "dormant@directory.example", "休眠 十三", Disabled: true),
        // Types their name as Windows users do, DOMAIN\user.
        new("winuser", Password, "100014", "winuser@directory.example", "窓井 十四"),
    ];

    public Slapd Server { get; private set; } = default!;
    public AppFactory App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Server = await Slapd.StartAsync(People, new Dictionary<string, string[]>
        {
            ["SecOpsDx-CSIRT"] = ["sato", "mapper", "group:CSIRT-Members"],
            ["CSIRT-Members"] = ["group:Kikaku-ka"],
            ["Kikaku-ka"] = ["nested"],
            ["SecOpsDx-Managers"] = ["mapper", "group:LoopA"],
            ["LoopA"] = ["group:LoopB"],
            ["LoopB"] = ["looper", "group:LoopA"],
            ["Unmapped"] = ["suzuki"],
        });
        var settings = Server.AppSettings(("SecOpsDx-CSIRT", Roles.Csirt), ("SecOpsDx-Managers", Roles.Manager));
        settings["SecOpsDx:Directory:BreakGlassAccounts:0"] = "admin@example.jp";
        App = new SettingsAppFactory(AppFactory.JobsOn(settings));
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>The app with extra settings.</summary>
public sealed class SettingsAppFactory(Dictionary<string, string?> settings) : AppFactory(settings);

public sealed class DirectorySignInTests(DirectoryFixture fixture) : IClassFixture<DirectoryFixture>
{
    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task<(HttpResponseMessage Response, string Html)> SignInAsync(string name, string password)
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var response = await SignIn.PostLoginAsync(client, name, password);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private Task<ApplicationUser?> LinkedAccountAsync(string employeeNumber) => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<SecOpsDxDbContext>();
        var userId = await db.Staff.Where(s => s.EmployeeNumber == employeeNumber).Select(s => s.UserId).SingleAsync();
        return userId is null ? null : await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId);
    });

    private Task<IList<string>> RolesOfAsync(ApplicationUser user) =>
        InScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().GetRolesAsync(user));

    [Fact]
    public async Task The_first_sign_in_links_the_staff_record_by_employee_number_and_gives_the_groups_roles()
    {
        Assert.Null(await LinkedAccountAsync("100001"));

        var (response, _) = await SignInAsync("sato", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await LinkedAccountAsync("100001");
        Assert.NotNull(account);
        Assert.Equal("sato@directory.example", account.Email);
        Assert.Null(account.PasswordHash);
        Assert.Equal([Roles.Csirt, Roles.Staff], (await RolesOfAsync(account)).Order());

        // The second sign-in (by e-mail this time) finds the same account; nobody gets a second one.
        var (again, _) = await SignInAsync("sato@directory.example", DirectoryFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(account.Id, (await LinkedAccountAsync("100001"))!.Id);
        Assert.Equal(1, await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().UserLogins.CountAsync(l => l.UserId == account.Id)));
    }

    [Fact]
    public async Task Without_an_employee_number_the_roster_e_mail_links_the_account()
    {
        var (response, _) = await SignInAsync("suzuki", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await LinkedAccountAsync("100002");
        Assert.Equal("staff00002@city.example.jp", account!.Email);
        Assert.Equal([Roles.Staff], await RolesOfAsync(account));
    }

    [Fact]
    public async Task A_directory_user_with_no_staff_record_is_refused_with_a_reason_and_the_attempt_is_audited()
    {
        var (response, html) = await SignInAsync("ghost", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("職員名簿に登録がない", html);
        var refusal = await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().DirectoryRefusals.AsNoTracking()
            .SingleAsync(r => r.LoginName == "ghost"));
        Assert.Equal(DirectoryRefusalReason.NoStaffRecord, refusal.Reason);
        Assert.Equal("999999", refusal.EmployeeNumber);
        Assert.True(await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().AuditEntries
            .AnyAsync(e => e.EntityType == nameof(DirectoryRefusal) && e.Changes.Contains("ghost"))));
        Assert.False(await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().Users.AnyAsync(u => u.Email == "ghost@directory.example")));
    }

    [Fact]
    public async Task A_user_disabled_in_the_directory_is_refused_and_gets_no_account()
    {
        var (response, html) = await SignInAsync("gone", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", html);
        Assert.Null(await LinkedAccountAsync("100003"));
        Assert.Equal(DirectoryRefusalReason.DirectoryDisabled, await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>()
            .DirectoryRefusals.Where(r => r.LoginName == "gone").Select(r => r.Reason).SingleAsync()));
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("*")]
    [InlineData("*)(uid=*")]
    [InlineData("sato)(|(uid=*")]
    [InlineData("s*")]
    [InlineData("sat*")]
    [InlineData("suzuk*")]
    public async Task Unknown_and_filter_injecting_names_sign_nobody_in(string name)
    {
        // The password is a real person's: a widened search would find them and the bind would succeed.
        var (response, html) = await SignInAsync(name, DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", html);
    }

    [Fact]
    public async Task Wrong_directory_passwords_count_towards_the_lockout_of_the_linked_account()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("tanaka", DirectoryFixture.Password)).Response.StatusCode);

        for (var i = 0; i < 5; i++)
        {
            var (wrong, html) = await SignInAsync("tanaka", "not-the-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("data-testid=\"login-error\"", html);
        }

        var account = await LinkedAccountAsync("100004");
        Assert.True(account!.LockoutEnd > DateTimeOffset.UtcNow, "five wrong passwords lock the account");
        // Even the right password does not get in while it is locked; the person is told so.
        var (locked, _) = await SignInAsync("tanaka", DirectoryFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("/Account/Lockout", locked.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Leaving_a_directory_group_takes_its_role_away_at_the_next_sign_in_and_the_change_is_audited()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("mapper", DirectoryFixture.Password)).Response.StatusCode);
        var account = (await LinkedAccountAsync("100005"))!;
        Assert.Equal([Roles.Csirt, Roles.Manager, Roles.Staff], (await RolesOfAsync(account)).Order());
        var auditBefore = await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().AuditEntries.MaxAsync(e => e.Sequence));

        fixture.Server.Modify(Slapd.GroupDn("SecOpsDx-CSIRT"), DirectoryAttributeOperation.Delete, "member", Slapd.PersonDn("mapper"));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("mapper", DirectoryFixture.Password)).Response.StatusCode);

        Assert.Equal([Roles.Manager, Roles.Staff], (await RolesOfAsync(account)).Order());
        var removals = await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().AuditEntries
            .Where(e => e.Sequence > auditBefore && e.Action == "Delete" && e.EntityType.StartsWith("IdentityUserRole")).ToListAsync());
        Assert.Single(removals);
        Assert.Equal("directory:mapper", removals[0].ActorName);
    }

    [Fact]
    public async Task A_directory_account_with_two_factors_is_asked_for_its_code_after_the_directory_password()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("yamada", DirectoryFixture.Password)).Response.StatusCode);
        var account = (await LinkedAccountAsync("100009"))!;
        await InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(account.Id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return true;
        });

        var (response, _) = await SignInAsync("yamada", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/LoginWith2fa", response.Headers.Location!.ToString());
        await InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            await users.SetTwoFactorEnabledAsync((await users.FindByIdAsync(account.Id))!, false);
            return true;
        });
    }

    [Fact]
    public async Task The_break_glass_administrator_still_signs_in_with_the_local_password()
    {
        var (response, _) = await SignInAsync("admin@example.jp", AppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Login", response.Headers.Location!.ToString());
    }

    private async Task<(int Code, string Output)> SyncDirectoryVerbAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration["SecOpsDx:DataDirectory"] = fixture.App.DataDirectory;
        foreach (var (key, value) in fixture.Server.AppSettings()) builder.Configuration[key] = value;
        builder.Logging.ClearProviders();
        builder.AddSecOpsDx();
        await using var app = builder.Build();
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CommandLine.RunAsync(app, ["sync-directory"], output, error);
        return (code, $"{output}{error}");
    }

    private Task<List<DirectoryFindingView>> FindingsAsync() =>
        InScopeAsync(async sp => (await sp.GetRequiredService<DirectoryCheck>().OpenFindingsAsync()).ToList());

    [Fact]
    public async Task Sync_directory_lists_staff_whose_account_is_gone_or_disabled_and_the_admin_confirms_the_leaving()
    {
        foreach (var uid in new[] { "leaver", "absent", "onleave" })
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(uid, DirectoryFixture.Password)).Response.StatusCode);
        fixture.Server.Modify(Slapd.PersonDn("leaver"), DirectoryAttributeOperation.Add, "employeeType", "disabled");
        fixture.Server.Modify(Slapd.PersonDn("onleave"), DirectoryAttributeOperation.Add, "employeeType", "disabled");
        fixture.Server.Delete(Slapd.PersonDn("absent"));

        var (code, output) = await SyncDirectoryVerbAsync();

        Assert.Equal(0, code);
        Assert.True(output.Contains("new findings (account gone, disabled or expired): 3", StringComparison.Ordinal), output);
        var findings = await FindingsAsync();
        Assert.Equal(DirectoryFindingKind.Disabled, findings.Single(f => f.EmployeeNumber == "100006").Kind);
        Assert.Equal(DirectoryFindingKind.Missing, findings.Single(f => f.EmployeeNumber == "100007").Kind);
        // Nothing is retired by the check itself.
        Assert.Null(await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().Staff.Where(s => s.EmployeeNumber == "100006").Select(s => s.RetiredOn).SingleAsync()));

        var today = SecOpsDx.Core.Calendar.JapanTime.Today(TimeProvider.System);
        await InScopeAsync(async sp =>
        {
            sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "admin@example.jp");
            var check = sp.GetRequiredService<DirectoryCheck>();
            var leaver = findings.Single(f => f.EmployeeNumber == "100006");
            await check.ConfirmRetiredAsync(leaver.Id, leaver.Version, today);
            // The same finding cannot be handled twice (another Admin, a second click).
            var again = await Assert.ThrowsAsync<SecOpsDx.Core.DomainException>(() => check.DismissAsync(leaver.Id, leaver.Version));
            Assert.Equal(SecOpsDx.Core.ErrorCodes.FindingResolved, again.Code);
            var absent = findings.Single(f => f.EmployeeNumber == "100007");
            await check.DismissAsync(absent.Id, absent.Version);
            return true;
        });
        Assert.Equal(today, await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().Staff.Where(s => s.EmployeeNumber == "100006").Select(s => s.RetiredOn).SingleAsync()));
        Assert.True((await LinkedAccountAsync("100006"))!.LockoutEnd > DateTimeOffset.UtcNow);

        // The person on leave is enabled again; the dismissed finding is not raised again; the retired one is gone.
        fixture.Server.Modify(Slapd.PersonDn("onleave"), DirectoryAttributeOperation.Delete, "employeeType", "disabled");
        var (code2, output2) = await SyncDirectoryVerbAsync();
        Assert.Equal(0, code2);
        Assert.True(output2.Contains("new findings (account gone, disabled or expired): 0", StringComparison.Ordinal), output2);
        Assert.Contains("restored since the last check: 1", output2);
        Assert.DoesNotContain(await FindingsAsync(), f => f.EmployeeNumber is "100006" or "100007" or "100008");
    }

    [Fact]
    public async Task The_nightly_job_runs_the_directory_check_without_anyone_starting_it()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("nightly", DirectoryFixture.Password)).Response.StatusCode);
        fixture.Server.Delete(Slapd.PersonDn("nightly"));
        var scheduler = await fixture.App.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();

        await scheduler!.TriggerJob(SecOpsDx.Web.Jobs.SyncDirectoryJob.Key);

        for (var i = 0; i < 100 && !(await FindingsAsync()).Any(f => f.EmployeeNumber == "100010"); i++) await Task.Delay(100);
        Assert.Equal(DirectoryFindingKind.Missing, (await FindingsAsync()).Single(f => f.EmployeeNumber == "100010").Kind);
    }

    [Fact]
    public async Task A_future_or_unreadable_date_of_leaving_is_refused_and_the_finding_stays_open()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("tanaka", DirectoryFixture.Password)).Response.StatusCode);
        var finding = await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SecOpsDxDbContext>();
            var staff = await db.Staff.SingleAsync(s => s.EmployeeNumber == "100004");
            var f = new DirectoryFinding { StaffMemberId = staff.Id, Kind = DirectoryFindingKind.Missing, FoundAt = DateTime.UtcNow };
            db.Add(f);
            await db.SaveChangesAsync();
            return f;
        });
        var tomorrow = SecOpsDx.Core.Calendar.JapanTime.Today(TimeProvider.System).AddDays(1);

        var refused = await Assert.ThrowsAsync<SecOpsDx.Core.ValidationFailedException>(() => InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DirectoryCheck>().ConfirmRetiredAsync(finding.Id, finding.Version, tomorrow);
            return true;
        }));

        Assert.Contains("retiredOn", refused.Errors.Keys);
        Assert.Contains(await FindingsAsync(), f => f.Id == finding.Id);
        Assert.Null(await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().Staff.Where(s => s.EmployeeNumber == "100004").Select(s => s.RetiredOn).SingleAsync()));
        await InScopeAsync(async sp => { await sp.GetRequiredService<DirectoryCheck>().DismissAsync(finding.Id, finding.Version); return true; });
    }
    [Fact]
    public async Task A_member_of_a_group_nested_two_levels_inside_the_mapped_group_gets_its_role()
    {
        // OpenLDAP has no in-chain matching rule: the groups are walked level by level.
        var (response, _) = await SignInAsync("nested", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([Roles.Csirt, Roles.Staff], (await RolesOfAsync((await LinkedAccountAsync("100011"))!)).Order());
    }

    [Fact]
    public async Task Groups_that_contain_each_other_end_the_walk_and_still_give_their_role()
    {
        var clock = Stopwatch.StartNew();
        var (response, _) = await SignInAsync("looper", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal([Roles.Manager, Roles.Staff], (await RolesOfAsync((await LinkedAccountAsync("100012"))!)).Order());
    }

    [Fact]
    public async Task Linking_an_account_that_has_a_local_password_removes_it_so_only_the_directory_signs_it_in()
    {
        // The demo account signs in with its own password before it is linked.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("staff@example.jp", AppFactory.DemoPassword)).Response.StatusCode);
        var before = (await LinkedAccountAsync("D0005"))!;
        Assert.NotNull(before.PasswordHash);

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("madoguchi", DirectoryFixture.Password)).Response.StatusCode);

        var linked = (await LinkedAccountAsync("D0005"))!;
        Assert.Equal(before.Id, linked.Id);
        Assert.Null(linked.PasswordHash);
        Assert.NotEqual(before.SecurityStamp, linked.SecurityStamp);
        // The old password no longer opens the account: its address now goes to the directory, which knows another one.
        var (old, html) = await SignInAsync("staff@example.jp", AppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", html);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("staff@example.jp", DirectoryFixture.Password)).Response.StatusCode);
        // Nobody can give it a local password again while it is linked.
        var refused = await Assert.ThrowsAsync<SecOpsDx.Core.DomainException>(() => InScopeAsync(async sp =>
        {
            sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "admin@example.jp");
            return await sp.GetRequiredService<AccountAdministration>().ResetPasswordAsync(linked.Id);
        }));
        Assert.Equal(SecOpsDx.Core.ErrorCodes.DirectoryAccountPassword, refused.Code);
        Assert.Null((await LinkedAccountAsync("D0005"))!.PasswordHash);

        // Disabled in the directory, the person is refused by every path.
        fixture.Server.Modify(Slapd.PersonDn("madoguchi"), DirectoryAttributeOperation.Add, "employeeType", "disabled");
        try
        {
            foreach (var (name, password) in new[] { ("madoguchi", DirectoryFixture.Password), ("staff@example.jp", DirectoryFixture.Password), ("staff@example.jp", AppFactory.DemoPassword) })
                Assert.Equal(HttpStatusCode.OK, (await SignInAsync(name, password)).Response.StatusCode);
        }
        finally
        {
            fixture.Server.Modify(Slapd.PersonDn("madoguchi"), DirectoryAttributeOperation.Delete, "employeeType", "disabled");
        }
    }

    [Fact]
    public async Task A_break_glass_account_named_in_the_settings_keeps_its_local_password_when_linked()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("johotaro", DirectoryFixture.Password)).Response.StatusCode);

        var admin = (await LinkedAccountAsync("D0001"))!;
        Assert.Equal("admin@example.jp", admin.Email);
        Assert.NotNull(admin.PasswordHash);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("admin@example.jp", AppFactory.DemoPassword)).Response.StatusCode);
    }

    [Fact]
    public async Task At_start_a_linked_account_that_still_has_a_local_password_loses_it()
    {
        // An account linked before linking removed passwords: csirt@example.jp with a directory login and its password.
        var userId = await InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync("csirt@example.jp"))!;
            await users.AddLoginAsync(user, new UserLoginInfo(DirectoryAccounts.LoginProvider, "linked-long-ago", "Directory"));
            return user.Id;
        });

        var dropped = await InScopeAsync(sp => sp.GetRequiredService<DirectoryAccounts>().DropLocalPasswordsOfLinkedAccountsAsync());

        Assert.True(dropped >= 1);
        var csirt = await InScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId));
        Assert.Null(csirt!.PasswordHash);
        // The break-glass administrator, linked or not, keeps hers.
        Assert.NotNull((await InScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("admin@example.jp")))!.PasswordHash);
    }

    [Fact]
    public async Task A_disabled_person_with_a_wrong_password_is_told_it_is_wrong_and_no_refusal_is_kept()
    {
        var (wrong, html) = await SignInAsync("dormant", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("パスワードが正しくありません", html);
        Assert.False(await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().DirectoryRefusals.AnyAsync(r => r.LoginName == "dormant")));

        var (right, rightHtml) = await SignInAsync("dormant", DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("ディレクトリで無効", rightHtml);
        Assert.Equal(DirectoryRefusalReason.DirectoryDisabled, await InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>()
            .DirectoryRefusals.Where(r => r.LoginName == "dormant").Select(r => r.Reason).SingleAsync()));
    }

    [Theory]
    [InlineData("CITY\\winuser")]
    [InlineData("city\\winuser")]
    [InlineData(" CITY\\winuser ")]
    public async Task A_name_typed_as_DOMAIN_backslash_user_signs_in_as_that_user(string typed)
    {
        var (response, _) = await SignInAsync(typed, DirectoryFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await LinkedAccountAsync("100014"));
    }

    [Fact]
    public async Task The_sign_in_page_and_its_error_speak_of_the_user_name_when_the_directory_is_on()
    {
        var (_, html) = await SignInAsync("nobody-at-all", "whatever");

        Assert.Contains("ユーザー名またはメールアドレス", html);
        Assert.Contains("ユーザー名(またはメールアドレス)かパスワードが正しくありません", html);
        Assert.DoesNotContain("メールアドレスまたはパスワードが正しくありません", html);
    }
}

/// <summary>A directory that accepts connections and never answers: every sign-in ends at the timeout, and so do the LDAP calls behind it.</summary>
public sealed class DirectoryHangTests
{
    [Fact]
    public async Task Ten_sign_ins_against_a_silent_directory_each_answer_and_leave_no_connection_open()
    {
        using var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<System.Net.Sockets.Socket>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try { while (true) accepted.Enqueue(await silent.AcceptSocketAsync(stop.Token)); }
            catch (OperationCanceledException) { }
        });
        await using var app = new SettingsAppFactory(new()
        {
            ["SecOpsDx:Directory:Enabled"] = "true",
            ["SecOpsDx:Directory:Host"] = "127.0.0.1",
            ["SecOpsDx:Directory:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SecOpsDx:Directory:Transport"] = "Plain",
            ["SecOpsDx:Directory:AllowPlainLdap"] = "true",
            ["SecOpsDx:Directory:BindDn"] = Slapd.ServiceDn,
            ["SecOpsDx:Directory:UserBaseDn"] = Slapd.People,
            ["SecOpsDx:Directory:TimeoutSeconds"] = "1",
        });

        // The app starts (database, demo data) before the clock runs.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserLikeClient().GetAsync("/Account/Login")).StatusCode);
        for (var i = 0; i < 10; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await SignIn.PostLoginAsync(app.CreateBrowserLikeClient(), $"person{i}", "a-password");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"sign-in {i} took {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Contains("ディレクトリに接続できません", await response.Content.ReadAsStringAsync());
        }

        // Every connection the app opened is closed by it once its call timed out: the peer reads end-of-stream.
        Assert.True(accepted.Count >= 10, $"{accepted.Count} connections");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        foreach (var socket in accepted)
        {
            using (socket)
            {
                var buffer = new byte[4096];
                var closed = false;
                while (!closed && DateTime.UtcNow < deadline)
                {
                    using var wait = new CancellationTokenSource(deadline - DateTime.UtcNow);
                    try { closed = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, wait.Token) == 0; }
                    catch (OperationCanceledException) { break; }
                    catch (System.Net.Sockets.SocketException) { closed = true; }
                }
                Assert.True(closed, "a connection to the silent directory was left open");
            }
        }
        stop.Cancel();
        await accepting;
    }
}

/// <summary>The directory is down: sign-in says so quickly, and local accounts keep working.</summary>
public sealed class DirectoryDownTests : IDisposable
{
    private readonly AppFactory _app;

    public DirectoryDownTests()
    {
        // A port nobody listens on: the connection is refused, as when the directory server is down.
        var port = Loopback.FreePort();
        _app = new SettingsAppFactory(new()
        {
            ["SecOpsDx:Directory:Enabled"] = "true",
            ["SecOpsDx:Directory:Host"] = "127.0.0.1",
            ["SecOpsDx:Directory:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SecOpsDx:Directory:Transport"] = "Plain",
            ["SecOpsDx:Directory:AllowPlainLdap"] = "true",
            ["SecOpsDx:Directory:BindDn"] = Slapd.ServiceDn,
            ["SecOpsDx:Directory:UserBaseDn"] = Slapd.People,
        });
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sign_in_answers_within_five_seconds_that_the_directory_cannot_be_reached()
    {
        var client = _app.CreateBrowserLikeClient();
        await SignIn.AntiforgeryTokenAsync(client, "/Account/Login");
        var clock = Stopwatch.StartNew();

        var response = await SignIn.PostLoginAsync(client, "sato", DirectoryFixture.Password);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("ディレクトリに接続できません", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(_app.CreateBrowserLikeClient(), "admin@example.jp", AppFactory.DemoPassword)).StatusCode);
    }

    [Fact]
    public void Plain_LDAP_without_the_lab_setting_stops_the_start_naming_the_setting()
    {
        using var app = new SettingsAppFactory(new()
        {
            ["SecOpsDx:Directory:Enabled"] = "true",
            ["SecOpsDx:Directory:Host"] = "127.0.0.1",
            ["SecOpsDx:Directory:Transport"] = "Plain",
            ["SecOpsDx:Directory:BindDn"] = Slapd.ServiceDn,
            ["SecOpsDx:Directory:UserBaseDn"] = Slapd.People,
        });

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("SecOpsDx:Directory:AllowPlainLdap", failure.ToString());
    }
}
