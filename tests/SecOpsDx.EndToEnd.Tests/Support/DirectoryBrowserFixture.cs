using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests.Support;

/// <summary>
/// A second app, set up as a municipality with a directory and a mail server runs it: staff sign in against a real
/// OpenLDAP server and mail goes to a real SMTP server on loopback. It has its own browser.
/// </summary>
public sealed class DirectoryBrowserFixture : BrowserFixture
{
    public const string Password = "Ldap-E2e-2026";

    private Slapd? _slapd;

    public TestSmtpServer Smtp { get; } = new();

    protected override async Task<RunningApp> StartAppAsync()
    {
        _slapd = await Slapd.StartAsync(
            [new("kato", Password, "100021", "kato@directory.example", "加藤 二十一"), new("ito", Password, "100022", null, "伊藤 二十二")],
            // ito is in a 課's group inside the CSIRT group, as municipal directories grant access.
            new Dictionary<string, string[]> { ["SecOpsDx-CSIRT"] = ["group:Kikaku-ka"], ["Kikaku-ka"] = ["ito"] });
        await Smtp.StartAsync();
        var settings = _slapd.AppSettings(("SecOpsDx-CSIRT", "Csirt")).Concat(Smtp.AppSettings())
            .ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);
        return await RunningApp.StartAsync(settings);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_slapd is not null) await _slapd.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DirectoryAppCollection : ICollectionFixture<DirectoryBrowserFixture>
{
    public const string Name = "running app with a directory";
}
