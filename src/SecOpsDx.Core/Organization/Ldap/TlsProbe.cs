using System.Formats.Asn1;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>
/// Finds out why TLS to the directory failed. The LDAP library only says "server unavailable" (LDAPS) or "connect
/// error" (StartTLS) whatever the cause, so after such a failure this connects once more on its own, starts TLS the
/// same way, and reads the certificate the directory presents: not trusted, wrong name, out of date, or fine (then
/// the cause lies elsewhere). Only run after a failure; it sends no credentials.
/// </summary>
public static class TlsProbe
{
    /// <summary>The StartTLS extended operation (RFC 4511 4.14.1).</summary>
    private const string StartTlsOid = "1.3.6.1.4.1.1466.20037";

    public static async Task<DirectoryProblem> DiagnoseAsync(DirectorySettings settings, string libraryMessage, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(settings.Host, settings.EffectivePort, ct);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return new DirectoryProblem(DirectoryProblemKind.Unreachable,
                $"nothing accepts connections at {settings.Host}:{settings.EffectivePort} ({(e as SocketException)?.SocketErrorCode.ToString() ?? "timed out"})");
        }
        if (settings.Transport == DirectoryTransport.Plain)
            return new DirectoryProblem(DirectoryProblemKind.Failed, libraryMessage);

        var stream = tcp.GetStream();
        if (settings.Transport == DirectoryTransport.StartTls)
        {
            try
            {
                if (await StartTlsAsync(stream, ct) is { } refusal)
                    return new DirectoryProblem(DirectoryProblemKind.TlsFailed, refusal);
            }
            catch (Exception e) when (e is IOException or AsnContentException or OperationCanceledException)
            {
                return new DirectoryProblem(DirectoryProblemKind.TlsFailed, $"the StartTLS request got no usable answer ({e.Message})");
            }
        }

        X509Certificate2? presented = null;
        SslPolicyErrors errors = SslPolicyErrors.None;
        X509ChainStatusFlags chainStatus = X509ChainStatusFlags.NoError;
        using var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = settings.Host,
            CertificateChainPolicy = ChainPolicy(settings),
            RemoteCertificateValidationCallback = (_, certificate, chain, policyErrors) =>
            {
                if (certificate is not null) presented = new X509Certificate2(certificate);
                errors = policyErrors;
                foreach (var status in chain?.ChainStatus ?? []) chainStatus |= status.Status;
                return policyErrors == SslPolicyErrors.None;
            },
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options, ct);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            if (presented is null)
                return new DirectoryProblem(DirectoryProblemKind.TlsFailed, $"the TLS handshake failed before a certificate was seen ({e.Message})");
        }
        using (presented)
        {
            if (presented is null) return new DirectoryProblem(DirectoryProblemKind.TlsFailed, libraryMessage);
            var faults = Faults(errors, chainStatus);
            return faults == CertificateFaults.None
                ? new DirectoryProblem(DirectoryProblemKind.TlsFailed, $"the certificate looks valid here; the LDAP library said: {libraryMessage}")
                : new DirectoryProblem(DirectoryProblemKind.CertificateRefused, $"{errors}; {chainStatus}", faults,
                    presented.Subject, presented.Issuer, new DateTimeOffset(presented.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }
    }

    private static CertificateFaults Faults(SslPolicyErrors errors, X509ChainStatusFlags chain)
    {
        var faults = CertificateFaults.None;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) faults |= CertificateFaults.NameMismatch;
        if (chain.HasFlag(X509ChainStatusFlags.UntrustedRoot) || chain.HasFlag(X509ChainStatusFlags.PartialChain))
            faults |= CertificateFaults.UntrustedIssuer;
        if (chain.HasFlag(X509ChainStatusFlags.NotTimeValid)) faults |= CertificateFaults.Expired;
        if (chain.HasFlag(X509ChainStatusFlags.Revoked)) faults |= CertificateFaults.Revoked;
        if (faults == CertificateFaults.None && errors != SslPolicyErrors.None) faults = CertificateFaults.Other;
        return faults;
    }

    /// <summary>The same trust the LDAP library uses: the configured CA folder (or LDAPTLS_CACERT), else the system's.</summary>
    private static X509ChainPolicy ChainPolicy(DirectorySettings settings)
    {
        var policy = new X509ChainPolicy { RevocationMode = X509RevocationMode.NoCheck };
        var files = new List<string>();
        if (!string.IsNullOrWhiteSpace(settings.TrustedCaDirectory) && Directory.Exists(settings.TrustedCaDirectory))
            files.AddRange(Directory.GetFiles(settings.TrustedCaDirectory));
        else if (Environment.GetEnvironmentVariable("LDAPTLS_CACERT") is { Length: > 0 } caFile && File.Exists(caFile))
            files.Add(caFile);
        if (files.Count == 0) return policy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        foreach (var file in files)
        {
            try
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPemFile(file);
                policy.CustomTrustStore.AddRange(collection);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                // Not a PEM certificate (a README, a hash link target read twice): the library skips it too.
            }
        }
        return policy;
    }

    /// <summary>Sends the StartTLS request on a fresh connection; null when the directory agreed, else its refusal.</summary>
    private static async Task<string?> StartTlsAsync(NetworkStream stream, CancellationToken ct)
    {
        var request = new AsnWriter(AsnEncodingRules.BER);
        using (request.PushSequence())
        {
            request.WriteInteger(1);
            using (request.PushSequence(new Asn1Tag(TagClass.Application, 23, isConstructed: true)))
                request.WriteOctetString(System.Text.Encoding.ASCII.GetBytes(StartTlsOid), new Asn1Tag(TagClass.ContextSpecific, 0));
        }
        await stream.WriteAsync(request.Encode(), ct);

        var answer = await ReadMessageAsync(stream, ct);
        var message = new AsnReader(answer, AsnEncodingRules.BER).ReadSequence();
        message.ReadInteger();
        var response = message.ReadSequence(new Asn1Tag(TagClass.Application, 24, isConstructed: true));
        var code = response.ReadEnumeratedBytes().Span;
        var resultCode = code.Length == 1 ? code[0] : -1;
        return resultCode == 0 ? null : $"the directory refused StartTLS (LDAP result {resultCode})";
    }

    /// <summary>One BER message off the wire: tag, length (short or long form), contents.</summary>
    private static async Task<byte[]> ReadMessageAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new byte[2];
        await stream.ReadExactlyAsync(head, ct);
        int length;
        byte[] lengthBytes = [];
        if ((head[1] & 0x80) == 0) length = head[1];
        else
        {
            var count = head[1] & 0x7f;
            if (count is 0 or > 3) throw new IOException("an LDAP message with an unusable length");
            lengthBytes = new byte[count];
            await stream.ReadExactlyAsync(lengthBytes, ct);
            length = lengthBytes.Aggregate(0, (n, b) => (n << 8) | b);
        }
        if (length > 64 * 1024) throw new IOException("an LDAP answer too long for a StartTLS response");
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, ct);
        return [.. head, .. lengthBytes, .. body];
    }
}
