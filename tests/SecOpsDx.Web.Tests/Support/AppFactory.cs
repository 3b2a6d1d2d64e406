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
        builder.UseSetting("SecOpsDx:Api:FailedAuthPerMinute", "1000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
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
