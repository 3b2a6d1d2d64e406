using System.Net;
using System.Runtime.Versioning;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Organization.Ldap;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// The people and groups these tests add to the shared test domain, and the app signed in against it over LDAPS with
/// Active Directory's defaults (only the server, the service account, the OUs and the CA are set). Their 職員番号 are
/// the demo roster's, so the first sign-in links them.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ActiveDirectoryApp : IAsyncDisposable
{
    public const string Password = "Ad-Staff-2026";

    private readonly Lock _gate = new();
    private AppFactory? _app;

    public AppFactory For(SambaDc dc)
    {
        lock (_gate)
        {
            if (_app is not null) return _app;
            foreach (var person in new SambaDc.Person[]
                     {
                         new("adnested", Password, "100015", "adnested@mirai.local", "入れ子 十五"),
                         new("admust", Password, "100016", "admust@mirai.local", "変更 十六"),
                         new("adexpiry", Password, "100017", "adexpiry@mirai.local", "期限 十七"),
                         new("adlocked", Password, "100018", "adlocked@mirai.local", "施錠 十八"),
                         new("adoff", Password, "100019", "adoff@mirai.local", "無効 十九", Disabled: true),
                         // The demo account manager@example.jp (D0004), which has a local password until it is linked.
                         new("adshimin", Password, "D0004", "manager@example.jp", "市民 一郎"),
                     })
                dc.AddPerson(person);
            // A 課's group inside a team group inside the group SecOpsDx maps to CSIRT, as municipal AD grants access.
            dc.AddGroup("Kikaku-ka", "adnested");
            dc.AddGroup("CSIRT-Members", "Kikaku-ka");
            dc.AddGroup("App-CSIRT", "CSIRT-Members");
            _app = new SettingsAppFactory(dc.AppSettings("Ldaps", ("App-CSIRT", Roles.Csirt)));
            _ = _app.Server;
            return _app;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>Directory sign-in against a real Active Directory (Samba as a domain controller on loopback).</summary>
[Collection(SambaDcCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class ActiveDirectorySignInTests(SambaDcFixture domain, ActiveDirectoryApp adApp) : IClassFixture<ActiveDirectoryApp>
{
    private SambaDc Dc => domain.Dc;
    private AppFactory App => adApp.For(Dc);

    private async Task<(HttpResponseMessage Response, string Html)> SignInAsync(string name, string password)
    {
        var response = await SignIn.PostLoginAsync(App.CreateBrowserLikeClient(), name, password);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<ApplicationUser?> AccountOfAsync(string employeeNumber) => InScopeAsync(async sp =>
    {
        var userId = await sp.GetRequiredService<SecOpsDxDbContext>().Staff.Where(s => s.EmployeeNumber == employeeNumber).Select(s => s.UserId).SingleAsync();
        return userId is null ? null : await sp.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId);
    });

    private Task<DirectoryRefusalReason?> LastRefusalAsync(string loginName) => InScopeAsync(async sp =>
        (DirectoryRefusalReason?)(await sp.GetRequiredService<SecOpsDxDbContext>().DirectoryRefusals.AsNoTracking()
            .Where(r => r.LoginName == loginName).OrderByDescending(r => r.Id).Select(r => (DirectoryRefusalReason?)r.Reason).FirstOrDefaultAsync()));

    [Fact]
    public async Task A_member_of_a_group_nested_two_levels_inside_the_mapped_group_gets_its_role_typing_DOMAIN_backslash_name()
    {
        var (response, _) = await SignInAsync(@"MIRAI\adnested", ActiveDirectoryApp.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = (await AccountOfAsync("100015"))!;
        Assert.Equal([Roles.Csirt, Roles.Staff], (await InScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().GetRolesAsync(account))).Order());
    }

    [Fact]
    public async Task Must_change_password_is_told_as_Windows_says_it_kept_and_not_counted_towards_the_lockout()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("admust", ActiveDirectoryApp.Password)).Response.StatusCode);
        Dc.SetMustChangePassword("admust", true);
        try
        {
            for (var i = 0; i < 6; i++)
            {
                var (response, html) = await SignInAsync("admust", ActiveDirectoryApp.Password);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("Windows のパスワードの変更が必要です", html);
            }
            var account = (await AccountOfAsync("100016"))!;
            Assert.Equal(0, account.AccessFailedCount);
            Assert.Null(account.LockoutEnd);
            Assert.Equal(DirectoryRefusalReason.MustChangePassword, await LastRefusalAsync("admust"));
        }
        finally
        {
            Dc.SetMustChangePassword("admust", false);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("admust", ActiveDirectoryApp.Password)).Response.StatusCode);
    }

    [Fact]
    public async Task An_expired_account_is_told_it_has_expired_and_the_directory_check_lists_it()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("adexpiry", ActiveDirectoryApp.Password)).Response.StatusCode);
        Dc.SetExpiry("adexpiry", DateTimeOffset.UtcNow.AddHours(-1));
        try
        {
            var (response, html) = await SignInAsync("adexpiry", ActiveDirectoryApp.Password);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("アカウントの有効期限が切れています", html);
            Assert.Equal(DirectoryRefusalReason.AccountExpired, await LastRefusalAsync("adexpiry"));
            Assert.Equal(0, (await AccountOfAsync("100017"))!.AccessFailedCount);

            var findings = await InScopeAsync(async sp =>
            {
                sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "sync-directory");
                var check = sp.GetRequiredService<DirectoryCheck>();
                Assert.NotNull(await check.SyncAsync());
                return await check.OpenFindingsAsync();
            });
            Assert.Equal(DirectoryFindingKind.Expired, findings.Single(f => f.EmployeeNumber == "100017").Kind);
        }
        finally
        {
            Dc.SetExpiry("adexpiry", null);
        }
    }

    [Fact]
    public async Task An_account_locked_in_the_directory_is_told_so_whatever_was_typed_and_the_app_adds_no_lock_of_its_own()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("adlocked", ActiveDirectoryApp.Password)).Response.StatusCode);
        Dc.LockOut("adlocked");
        try
        {
            foreach (var password in new[] { ActiveDirectoryApp.Password, "a-guess", "another-guess", "a-third-guess", "a-fourth", "a-fifth" })
            {
                var (response, html) = await SignInAsync("adlocked", password);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("ディレクトリでロックされています", html);
            }
            var account = (await AccountOfAsync("100018"))!;
            Assert.Equal(0, account.AccessFailedCount);
            Assert.Null(account.LockoutEnd);
            Assert.Equal(DirectoryRefusalReason.LockedInDirectory, await LastRefusalAsync("adlocked"));
        }
        finally
        {
            Dc.Unlock("adlocked");
        }
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("adlocked", ActiveDirectoryApp.Password)).Response.StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_and_the_refusal_is_kept_only_when_the_password_was_right()
    {
        var (wrong, wrongHtml) = await SignInAsync("adoff", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("パスワードが正しくありません", wrongHtml);
        Assert.Null(await LastRefusalAsync("adoff"));

        var (right, rightHtml) = await SignInAsync("adoff", ActiveDirectoryApp.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("ディレクトリで無効", rightHtml);
        Assert.Equal(DirectoryRefusalReason.DirectoryDisabled, await LastRefusalAsync("adoff"));
        Assert.Null(await AccountOfAsync("100019"));
    }

    [Fact]
    public async Task A_linked_account_loses_its_local_password_and_once_disabled_in_AD_no_path_lets_it_in()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("manager@example.jp", AppFactory.DemoPassword)).Response.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("adshimin@mirai.local", ActiveDirectoryApp.Password)).Response.StatusCode);

        var account = (await AccountOfAsync("D0004"))!;
        Assert.Equal("manager@example.jp", account.Email);
        Assert.Null(account.PasswordHash);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("manager@example.jp", AppFactory.DemoPassword)).Response.StatusCode);

        Dc.SetDisabled("adshimin", true);
        try
        {
            foreach (var (name, password) in new[]
                     {
                         ("adshimin", ActiveDirectoryApp.Password), (@"MIRAI\adshimin", ActiveDirectoryApp.Password),
                         ("manager@example.jp", ActiveDirectoryApp.Password), ("manager@example.jp", AppFactory.DemoPassword),
                     })
                Assert.Equal(HttpStatusCode.OK, (await SignInAsync(name, password)).Response.StatusCode);
        }
        finally
        {
            Dc.SetDisabled("adshimin", false);
        }
    }
}

/// <summary>The transports against the real domain controller, through the directory service alone (no app).</summary>
[Collection(SambaDcCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class ActiveDirectoryTransportTests(SambaDcFixture domain)
{
    private SambaDc Dc => domain.Dc;

    private LdapDirectory Directory(string transport, Action<DirectorySettings>? change = null)
    {
        var settings = new DirectorySettings();
        var values = Dc.AppSettings(transport);
        settings.Enabled = true;
        settings.Host = values["SecOpsDx:Directory:Host"]!;
        settings.Port = int.Parse(values["SecOpsDx:Directory:Port"]!, System.Globalization.CultureInfo.InvariantCulture);
        settings.Transport = Enum.Parse<DirectoryTransport>(transport);
        settings.BindDn = SambaDc.ServiceDn;
        settings.BindPassword = SambaDc.ServicePassword;
        settings.UserBaseDn = SambaDc.StaffOu;
        settings.GroupBaseDn = SambaDc.GroupsOu;
        settings.TrustedCaDirectory = Dc.CaDirectory;
        change?.Invoke(settings);
        return new LdapDirectory(Options.Create(settings), NullLogger<LdapDirectory>.Instance, TimeProvider.System);
    }

    [Theory]
    [InlineData("Ldaps")]
    [InlineData("StartTls")]
    public async Task Each_transport_signs_a_person_in_with_the_default_nested_group_filter(string transport)
    {
        var answer = await Directory(transport).AuthenticateAsync("nested", SambaDcFixture.Password);

        Assert.Equal(DirectoryOutcome.SignedIn, answer.Outcome);
        Assert.Equal("200002", answer.Person!.EmployeeNumber);
        Assert.Contains(answer.Person.Groups, g => g.StartsWith("CN=SecOpsDx-CSIRT,", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(answer.Person.Groups, g => g.StartsWith("CN=Night-Shift,", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StartTls_goes_to_the_configured_port_not_to_the_local_default()
    {
        // Before the fix, StartTLS went to localhost:389, where this DC listens, and the sign-in succeeded.
        var nowhere = Loopback.FreePort();

        var answer = await Directory("StartTls", s => s.Port = nowhere).AuthenticateAsync("nested", SambaDcFixture.Password);

        Assert.Equal(DirectoryOutcome.Unreachable, answer.Outcome);
        Assert.Equal(DirectoryProblemKind.Unreachable, answer.Problem!.Kind);
    }

    [Theory]
    [InlineData("Ldaps")]
    [InlineData("StartTls")]
    public async Task A_certificate_from_an_untrusted_CA_is_reported_as_refused_with_why_and_whose(string transport)
    {
        var answer = await Directory(transport, s => s.TrustedCaDirectory = Dc.OtherCaDirectory).AuthenticateAsync("nested", SambaDcFixture.Password);

        Assert.Equal(DirectoryOutcome.Unreachable, answer.Outcome);
        var problem = answer.Problem!;
        Assert.Equal(DirectoryProblemKind.CertificateRefused, problem.Kind);
        Assert.True(problem.CertificateFaults.HasFlag(CertificateFaults.UntrustedIssuer), problem.ToString());
        Assert.False(problem.CertificateFaults.HasFlag(CertificateFaults.NameMismatch), problem.ToString());
        Assert.Contains("localhost", problem.CertificateSubject);
        Assert.NotNull(problem.CertificateNotAfter);
    }

    [Fact]
    public async Task A_hung_domain_controller_gets_an_answer_at_the_timeout_and_sign_in_works_once_it_recovers()
    {
        var directory = Directory("Ldaps", s => s.TimeoutSeconds = 1);
        Dc.Pause();
        DirectoryAnswer hung;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            hung = await directory.AuthenticateAsync("nested", SambaDcFixture.Password);
        }
        finally
        {
            Dc.Resume();
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(DirectoryOutcome.Unreachable, hung.Outcome);
        Assert.Equal(DirectoryProblemKind.NoAnswer, hung.Problem!.Kind);
        Assert.Equal(DirectoryOutcome.SignedIn, (await Directory("Ldaps").AuthenticateAsync("nested", SambaDcFixture.Password)).Outcome);
    }

    [Fact]
    public async Task The_directory_check_reads_everyone_and_names_a_refused_service_account()
    {
        var listing = await Directory("Ldaps").ListPeopleAsync();
        Assert.Null(listing.Problem);
        Assert.Contains(listing.People!, p => p.EmployeeNumber == "200001" && p.DisplayName == "山田 太郎");
        Assert.True(listing.People!.Single(p => p.EmployeeNumber == "200005").ExpiredAt(DateTimeOffset.UtcNow));
        Assert.True(listing.People!.Single(p => p.EmployeeNumber == "200006").Disabled);

        var refused = await Directory("Ldaps", s => s.BindPassword = "not-the-password").ListPeopleAsync();

        Assert.Null(refused.People);
        Assert.Equal(DirectoryProblemKind.ServiceAccountRefused, refused.Problem!.Kind);
    }
}

/// <summary>What the Admin reads on the directory check page when the directory cannot be used.</summary>
public sealed class DirectoryProblemViewTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<string> RenderAsync(DirectoryProblem problem, string culture)
    {
        var previous = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            // Nobody signed in: dates in the default style (和暦).
            ((Microsoft.AspNetCore.Components.Authorization.IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider
                    .GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>())
                .SetAuthenticationState(Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(new System.Security.Claims.ClaimsPrincipal())));
            await using var renderer = new Microsoft.AspNetCore.Components.Web.HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            return await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<SecOpsDx.Web.Features.Accounts.DirectoryProblemView>(
                    Microsoft.AspNetCore.Components.ParameterView.FromDictionary(new Dictionary<string, object?> { ["Problem"] = problem }));
                return output.ToHtmlString();
            });
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Fact]
    public async Task A_refused_certificate_says_why_whose_and_until_when_in_the_readers_language()
    {
        var problem = new DirectoryProblem(DirectoryProblemKind.CertificateRefused, "RemoteCertificateChainErrors; UntrustedRoot",
            CertificateFaults.UntrustedIssuer | CertificateFaults.NameMismatch, "CN=dc01.mirai.local", "CN=Mirai Internal CA",
            new DateTimeOffset(2027, 3, 31, 15, 0, 0, TimeSpan.Zero));

        var japanese = await RenderAsync(problem, "ja-JP");
        var english = await RenderAsync(problem, "en");

        Assert.Contains("サーバー証明書を拒否しました: 信頼された認証局が発行したものではありません、接続先のホスト名と一致しません", japanese);
        Assert.Contains("CN=dc01.mirai.local", japanese);
        Assert.Contains("CN=Mirai Internal CA", japanese);
        Assert.Contains("令和9年4月1日", japanese);
        Assert.Contains("it was not issued by a trusted certificate authority, it does not match the host name connected to", english);
        Assert.DoesNotContain("UntrustedIssuer", japanese + english);
    }

    [Fact]
    public async Task A_silent_directory_is_told_apart_from_one_where_nothing_listens()
    {
        var silent = await RenderAsync(new DirectoryProblem(DirectoryProblemKind.NoAnswer, "no answer within 5 s"), "ja-JP");
        var down = await RenderAsync(new DirectoryProblem(DirectoryProblemKind.Unreachable, "ConnectionRefused"), "ja-JP");

        Assert.Contains("秒以内に応答しませんでした", silent);
        Assert.Contains("接続を受け付けるものがありません", down);
    }
}
