using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>
/// The real app on a real SQLite file in a temp folder, in the Development environment so that the
/// demo municipality and its five accounts exist.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Test-Pass-2026x";

    private readonly Dictionary<string, string?> _settings;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "secopsdx-web-tests", Guid.NewGuid().ToString("N"));

    public AppFactory() : this([]) { }

    protected AppFactory(Dictionary<string, string?> settings)
    {
        _settings = settings;
        Environment.SetEnvironmentVariable("SECOPSDX_DEMO_PASSWORD", DemoPassword);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("SecOpsDx:DataDirectory", DataDirectory);
        builder.UseSetting("SecOpsDx:DemoStaffCount", "20");
        // Every test client shares one address here; the per-client allowances are tested with ThrottledAppFactory.
        builder.UseSetting("SecOpsDx:SignIn:FailedPerClient", "1000");
        builder.UseSetting("SecOpsDx:SignIn:FailedPerAccountAndClient", "1000");
        builder.UseSetting("SecOpsDx:SignIn:UnknownSetupLinksPerClient", "1000");
        builder.UseSetting("SecOpsDx:Api:FailedAuthPerMinute", "1000");
        // Schedules run only where a test is about them (JobsOn): a job firing at a five-minute mark while a test
        // breaks the database on purpose would otherwise retry its bookkeeping for ever and hold up the shutdown.
        // Each app gets its own scheduler name, as Quartz shares a scheduler between apps of one name in a process.
        builder.UseSetting("SecOpsDx:Jobs:Enabled", "false");
        builder.UseSetting("SecOpsDx:Jobs:SchedulerName", "SecOpsDx-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>Settings that run the schedules in this app (as production does).</summary>
    public static Dictionary<string, string?> JobsOn(Dictionary<string, string?> settings)
    {
        settings["SecOpsDx:Jobs:Enabled"] = "true";
        return settings;
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same app with two-factor sign-in required for Admin, CISO and CSIRT.</summary>
public sealed class TwoFactorRequiredAppFactory() : AppFactory(new() { ["SecOpsDx:RequireTwoFactorForPrivilegedRoles"] = "true" });
