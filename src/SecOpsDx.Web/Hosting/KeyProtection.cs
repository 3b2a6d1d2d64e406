using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SecOpsDx.Web.Hosting;

/// <summary>"SecOpsDx:KeyProtection": how the keys that protect sign-in cookies and form tokens are kept at rest.</summary>
public sealed class KeyProtectionSettings
{
    /// <summary>A PKCS#12 (.pfx) file with a private key; the keys are encrypted to its certificate. Keep it outside the data folder.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>Its password. Give it through the environment (SecOpsDx__KeyProtection__CertificatePassword), never in a file in the repository.</summary>
    public string CertificatePassword { get; set; } = "";
}

/// <summary>
/// The data-protection keys live in the data folder's keys directory, so sessions survive a restart. At rest they
/// are encrypted to a configured certificate, or with DPAPI on Windows; elsewhere without a certificate they are
/// protected by the folder's owner-only mode alone, and the start says so with the setting that changes it.
/// </summary>
public static class KeyProtection
{
    public static void AddSecOpsDxKeyProtection(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SecOpsDxOptions.Section + ":KeyProtection").Get<KeyProtectionSettings>() ?? new();
        var protection = builder.Services.AddDataProtection().SetApplicationName("SecOpsDx");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<SecOpsDxOptions>>((keys, o) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeysDirectory(o.Value)), NullLoggerFactory.Instance));
        // A wrong path or password stops the start here, with the setting named, rather than the first sign-in.
        if (LoadCertificate(settings) is { } certificate)
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        else if (OperatingSystem.IsWindows())
            protection.ProtectKeysWithDpapi();
    }

    public static string KeysDirectory(SecOpsDxOptions options) => Path.Combine(options.ResolveDataDirectory(), "keys");

    /// <summary>Says at start how the keys are kept, and what to set when they are not encrypted.</summary>
    public static void CheckAtStart(IServiceProvider services, ILogger log)
    {
        var options = services.GetRequiredService<IOptions<SecOpsDxOptions>>().Value;
        var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor;
        if (encryptor is CertificateXmlEncryptor)
            log.LogInformation("Data-protection keys in {Directory} are encrypted to the certificate {Path}", KeysDirectory(options), options.KeyProtection.CertificatePath);
        else if (encryptor is null)
            log.LogWarning("Data-protection keys in {Directory} are protected by the folder's owner-only permissions alone. " +
                           "To encrypt them at rest, set SecOpsDx:KeyProtection:CertificatePath to a .pfx file and give its password in SecOpsDx__KeyProtection__CertificatePassword",
                KeysDirectory(options));
    }

    private static X509Certificate2? LoadCertificate(KeyProtectionSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.CertificatePath)) return null;
        var path = Path.GetFullPath(settings.CertificatePath);
        if (!File.Exists(path))
            throw new InvalidOperationException($"SecOpsDx:KeyProtection:CertificatePath: the file {path} does not exist");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"SecOpsDx:KeyProtection:CertificatePath: {path} cannot be opened with the password in SecOpsDx:KeyProtection:CertificatePassword ({e.Message})", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"SecOpsDx:KeyProtection:CertificatePath: {path} holds no private key, so the keys could not be read back");
        return certificate;
    }
}
