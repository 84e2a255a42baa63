using System.Text;

namespace MetaLoss.Host.Security;

/// <summary>
/// The files `metaloss cert create DIR` writes. DIR/node is what every cluster process is given
/// with --tls (copied to each machine); DIR/ca holds the CA's private key and stays where it was made.
/// </summary>
public static class CertificateFolder
{
    public const string NodeFolder = "node";
    public const string AuthorityFolder = "ca";

    /// <summary>The cluster's CA certificate (PEM), without its key: what peers are checked against.</summary>
    public const string AuthorityCertificate = "ca.crt";

    /// <summary>This node's certificate and private key (PKCS#12), encrypted with <see cref="NodePassword"/>.</summary>
    public const string NodeCertificate = "node.pfx";

    public const string NodePassword = "node.password";

    /// <summary>The CA's certificate and private key (PKCS#12), encrypted with <see cref="AuthorityPassword"/>.</summary>
    public const string AuthorityKey = "ca.pfx";

    public const string AuthorityPassword = "ca.password";

    /// <summary>
    /// Makes a new CA and node certificate under <paramref name="directory"/>. Refuses (ArgumentException,
    /// nothing written) when any of the files exists: replacing a CA would lock out every machine holding the old one.
    /// </summary>
    public static LabCertificates Create(string directory)
    {
        var node = Path.Combine(directory, NodeFolder);
        var authority = Path.Combine(directory, AuthorityFolder);
        string[] files =
        [
            Path.Combine(node, AuthorityCertificate), Path.Combine(node, NodeCertificate), Path.Combine(node, NodePassword),
            Path.Combine(authority, AuthorityKey), Path.Combine(authority, AuthorityPassword),
        ];
        if (files.FirstOrDefault(File.Exists) is { } existing)
            throw new ArgumentException($"cert create {directory}: {existing} exists; refusing to overwrite a cluster's certificates (choose another DIR)");

        var certificates = LabCertificates.Create(DateTimeOffset.UtcNow);
        var nodePassword = LabCertificates.NewPassword();
        var authorityPassword = LabCertificates.NewPassword();
        byte[][] contents =
        [
            Encoding.ASCII.GetBytes(certificates.Authority.ExportCertificatePem() + "\n"),
            LabCertificates.ExportWithKey(certificates.Node, nodePassword), Encoding.ASCII.GetBytes(nodePassword + "\n"),
            LabCertificates.ExportWithKey(certificates.Authority, authorityPassword), Encoding.ASCII.GetBytes(authorityPassword + "\n"),
        ];
        var written = new List<string>();
        try
        {
            CreatePrivateFolder(node);
            CreatePrivateFolder(authority);
            foreach (var (file, content) in files.Zip(contents))
            {
                SecretFile.Create(file, content);
                written.Add(file);
            }
            return certificates;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Half a set is no use, and would block the next attempt.
            foreach (var file in written) File.Delete(file);
            certificates.Dispose();
            throw new ArgumentException($"cert create {directory}: {e.Message}");
        }
    }

    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
