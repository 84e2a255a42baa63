namespace MetaLoss.Host.Security;

/// <summary>
/// The files `metaloss cert create DIR` writes. DIR/node is what every cluster process is given
/// with --tls (copied to each machine); DIR/ca holds the CA's private key and stays where it was made.
/// </summary>
public static class CertificateFolder
{
    public const string NodeFolder = "node";
    public const string AuthorityFolder = "ca";

    /// <summary>The cluster's CA certificate, without its key: what peers are checked against.</summary>
    public const string AuthorityCertificate = "ca.crt";

    /// <summary>This node's certificate and private key (PKCS#12), encrypted with <see cref="NodePassword"/>.</summary>
    public const string NodeCertificate = "node.pfx";

    public const string NodePassword = "node.password";

    /// <summary>The CA's certificate and private key (PKCS#12), encrypted with <see cref="AuthorityPassword"/>.</summary>
    public const string AuthorityKey = "ca.pfx";

    public const string AuthorityPassword = "ca.password";
}
