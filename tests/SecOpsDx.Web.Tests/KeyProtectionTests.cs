using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The app with its data-protection keys encrypted to a certificate given in the settings.</summary>
public sealed class CertificateKeysAppFactory(string certificatePath, string password, string? dataDirectory = null)
    : AppFactory(new() { ["SecOpsDx:KeyProtection:CertificatePath"] = certificatePath, ["SecOpsDx:KeyProtection:CertificatePassword"] = password })
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (dataDirectory is not null) builder.UseSetting("SecOpsDx:DataDirectory", dataDirectory);
    }
}

/// <summary>The keys that sign cookies and form tokens are encrypted at rest when a certificate is configured.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string Password = "pfx-Pass-2026";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "secopsdx-keys-tests", Guid.NewGuid().ToString("N"));
    private readonly string _pfx;

    public KeyProtectionTests()
    {
        Directory.CreateDirectory(_folder);
        _pfx = Path.Combine(_folder, "keys.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=SecOpsDx key protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pkcs12, Password));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Keys_on_disk_are_encrypted_and_a_session_survives_a_restart_with_the_same_certificate()
    {
        var data = Path.Combine(_folder, "data");
        using (var first = new CertificateKeysAppFactory(_pfx, Password, data))
        {
            var browser = first.CreateBrowserLikeClient();
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(browser, "csirt@example.jp", AppFactory.DemoPassword)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/incidents")).StatusCode);
            var keyFiles = Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml");
            Assert.NotEmpty(keyFiles);
            foreach (var file in keyFiles)
            {
                var xml = await File.ReadAllTextAsync(file);
                Assert.Contains("EncryptedData", xml);
                Assert.DoesNotContain("unencrypted", xml);
            }
        }
        using var second = new CertificateKeysAppFactory(_pfx, Password, data);
        var again = second.CreateBrowserLikeClient();
        // The keys written by the first run are read back with the certificate's private key: sign-in works.
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(again, "csirt@example.jp", AppFactory.DemoPassword)).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml").Skip(1));
    }

    [Fact]
    public void A_wrong_certificate_password_stops_the_start_naming_the_setting()
    {
        using var factory = new CertificateKeysAppFactory(_pfx, "not-the-password");

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = failure.ToString();
        Assert.Contains("SecOpsDx:KeyProtection:CertificatePassword", message);
    }

    [Fact]
    public void A_missing_certificate_file_stops_the_start_naming_the_file()
    {
        var missing = Path.Combine(_folder, "gone.pfx");
        using var factory = new CertificateKeysAppFactory(missing, Password);

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(missing, failure.ToString());
    }
}
