using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace MetaLoss.Host.Security;

/// <summary>
/// Mutual TLS for the cluster transport: this node shows <see cref="Certificate"/>, and accepts a
/// peer, in either direction, only if the peer's certificate chains to <see cref="Authority"/>, the
/// cluster's own CA. The system trust store plays no part, and neither do host names: a node is
/// known by who signed its certificate, not by the address it happens to have.
/// </summary>
public sealed class ClusterTls
{
    private ClusterTls(string folder, X509Certificate2 certificate, X509Certificate2 authority)
    {
        Folder = folder;
        Certificate = certificate;
        Authority = authority;
    }

    /// <summary>Where the certificates were read from, for messages that tell other processes to use the same.</summary>
    public string Folder { get; }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2 Authority { get; }

    /// <summary>Reads a folder made by `metaloss cert create` (its node/ subfolder); every fault is one ArgumentException naming the file.</summary>
    public static ClusterTls Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ArgumentException($"--tls {folder}: no such folder; make one with `metaloss cert create DIR` and give its {CertificateFolder.NodeFolder}/ folder");
        foreach (var file in new[] { CertificateFolder.AuthorityCertificate, CertificateFolder.NodeCertificate, CertificateFolder.NodePassword })
            if (!File.Exists(Path.Combine(folder, file)))
                throw new ArgumentException($"--tls {folder}: no {file} here; give the {CertificateFolder.NodeFolder}/ folder made by `metaloss cert create DIR`");
        var authority = ReadAuthority(Path.Combine(folder, CertificateFolder.AuthorityCertificate));
        var certificate = ReadNodeCertificate(Path.Combine(folder, CertificateFolder.NodeCertificate), Path.Combine(folder, CertificateFolder.NodePassword));
        var tls = new ClusterTls(folder, certificate, authority);
        if (!tls.Trusts(certificate, out var problem))
            throw new ArgumentException($"--tls {folder}: {CertificateFolder.NodeCertificate} is not accepted by {CertificateFolder.AuthorityCertificate} ({problem}); both must come from the same `metaloss cert create`");
        return tls;
    }

    /// <summary>True when <paramref name="peer"/> chains to the cluster's CA and is valid now; otherwise says why.</summary>
    public bool Trusts(X509Certificate2 peer, out string problem)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        // A private CA publishes no revocation lists, and nothing is fetched from the network.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (chain.Build(peer))
        {
            problem = "";
            return true;
        }
        problem = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        if (problem.Length == 0) problem = "its chain does not end at the cluster's CA";
        return false;
    }

    /// <summary>
    /// Decides every TLS handshake, as server and as client. The policy errors Akka passes in come
    /// from the system trust store and host-name matching, which do not apply here.
    /// </summary>
    public bool ValidatePeer(X509Certificate2? certificate, X509Chain? chain, string peer, SslPolicyErrors errors, ILoggingAdapter log)
    {
        if (certificate is null)
        {
            log.Warning("Refused a connection with {0}: it presented no certificate (a cluster member needs --tls)", peer);
            return false;
        }
        if (Trusts(certificate, out var problem)) return true;
        log.Warning("Refused a connection with {0}: its certificate {1} (issued by {2}) is not signed by this cluster's CA: {3}",
            peer, certificate.Subject, certificate.Issuer, problem);
        return false;
    }

    /// <summary>For Akka.Remote.Hosting: mutual authentication, peers checked by <see cref="ValidatePeer"/>.</summary>
    public SslOptions ToSslOptions() => new()
    {
        X509Certificate = Certificate,
        RequireMutualAuthentication = true,
        ValidateCertificateHostname = false,
        SuppressValidation = false,
        CustomValidator = ValidatePeer,
    };

    /// <summary>The same settings for an actor system built without Akka.Hosting.</summary>
    public DotNettySslSetup ToSetup() =>
        new(Certificate, suppressValidation: false, requireMutualAuthentication: true, validateCertificateHostname: false, ValidatePeer);

    private static X509Certificate2 ReadAuthority(string path)
    {
        X509Certificate2 authority;
        try
        {
            authority = X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"--tls: {path} is not a certificate (PEM or DER): {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--tls: cannot read {path}: {e.Message}");
        }
        var constraints = authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
            throw new ArgumentException($"--tls: {path} is not a CA certificate (no basic constraint CA:TRUE): {authority.Subject}");
        return authority;
    }

    private static X509Certificate2 ReadNodeCertificate(string path, string passwordPath)
    {
        string password;
        try
        {
            password = SecretFile.ReadPassword(passwordPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ArgumentException($"--tls: cannot read the password in {passwordPath}: {e.Message}");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException)
        {
            throw new ArgumentException($"--tls: {path} does not open with the password in {passwordPath} (wrong password, or not a PKCS#12 file)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--tls: cannot read {path}: {e.Message}");
        }
        if (!certificate.HasPrivateKey)
            throw new ArgumentException($"--tls: {path} holds no private key; a node must prove it owns its certificate");
        return certificate;
    }
}
