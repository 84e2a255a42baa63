using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MetaLoss.Host.Security;

/// <summary>
/// A small lab's certificates: a CA made for this cluster alone, and one node certificate it signs
/// that every member presents (server and client). ECDSA P-256, valid for years: a lab, not a PKI.
/// </summary>
public sealed class LabCertificates : IDisposable
{
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);
    public static readonly TimeSpan NodeLifetime = TimeSpan.FromDays(1825);

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private LabCertificates(X509Certificate2 authority, X509Certificate2 node)
    {
        Authority = authority;
        Node = node;
    }

    /// <summary>The CA, with its private key.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The node certificate, with its private key.</summary>
    public X509Certificate2 Node { get; }

    public static LabCertificates Create(DateTimeOffset now)
    {
        // Clocks of lab machines drift; a day of slack keeps a fresh certificate valid on all of them.
        var notBefore = now.AddDays(-1);
        var name = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest($"CN=MetaLoss cluster CA {name}", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(notBefore, now + AuthorityLifetime);

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest($"CN=MetaLoss node {name}", nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Every member both accepts connections and opens them.
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], false));
        nodeRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(nodeRequest.PublicKey, false));
        nodeRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var nodePublic = nodeRequest.Create(authority, notBefore, now + NodeLifetime, serial);
        return new LabCertificates(authority, nodePublic.CopyWithPrivateKey(nodeKey));
    }

    /// <summary>A random password for a PKCS#12 file: 192 bits, printable.</summary>
    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>PKCS#12 with AES-256 (not the legacy 3DES/RC2 defaults).</summary>
    public static byte[] ExportWithKey(X509Certificate2 certificate, string password) =>
        certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);

    public void Dispose()
    {
        Authority.Dispose();
        Node.Dispose();
    }
}
