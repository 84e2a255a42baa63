using System.Security.Cryptography.X509Certificates;
using MetaLoss.Host.Security;

namespace MetaLoss.Host.Tests.Security;

/// <summary>Certificates made by `cert create` load; every broken or mismatched file is one clear refusal.</summary>
public class ClusterTlsSpecs
{
    private static string NewCertificates(out string root)
    {
        root = Path.Combine(SmallRun.NewDirectory(), "certs");
        CertificateFolder.Create(root).Dispose();
        return Path.Combine(root, CertificateFolder.NodeFolder);
    }

    private static string Refusal(string folder) => Assert.Throws<ArgumentException>(() => ClusterTls.Load(folder)).Message;

    [Fact]
    public void Should_load_what_cert_create_made_and_trust_its_own_node_certificate()
    {
        var tls = ClusterTls.Load(NewCertificates(out _));
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.True(tls.Trusts(tls.Certificate, out _));
        Assert.Equal(tls.Authority.Subject, tls.Certificate.Issuer);
    }

    [Fact]
    public void Should_not_trust_a_node_certificate_from_another_cluster()
    {
        var ours = ClusterTls.Load(NewCertificates(out _));
        var theirs = ClusterTls.Load(NewCertificates(out _));
        Assert.False(ours.Trusts(theirs.Certificate, out var problem));
        Assert.NotEmpty(problem);
        // A CA is no node: the other cluster's CA itself is refused too.
        Assert.False(ours.Trusts(theirs.Authority, out _));
    }

    [Fact]
    public void Should_write_keys_and_passwords_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        NewCertificates(out var root);
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Should_refuse_to_overwrite_existing_certificates()
    {
        var node = NewCertificates(out var root);
        var before = File.ReadAllBytes(Path.Combine(node, CertificateFolder.NodeCertificate));
        var message = Assert.Throws<ArgumentException>(() => CertificateFolder.Create(root)).Message;
        Assert.Contains("refusing to overwrite", message);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(node, CertificateFolder.NodeCertificate)));
    }

    [Fact]
    public void Should_refuse_a_folder_that_does_not_exist()
    {
        Assert.Contains("no such folder", Refusal(Path.Combine(SmallRun.NewDirectory(), "missing")));
    }

    [Fact]
    public void Should_refuse_a_folder_without_the_node_certificate()
    {
        var node = NewCertificates(out _);
        File.Delete(Path.Combine(node, CertificateFolder.NodeCertificate));
        Assert.Contains("no node.pfx here", Refusal(node));
    }

    [Fact]
    public void Should_refuse_a_wrong_password()
    {
        var node = NewCertificates(out _);
        File.WriteAllText(Path.Combine(node, CertificateFolder.NodePassword), "not-the-password\n");
        Assert.Contains("does not open with the password", Refusal(node));
    }

    [Fact]
    public void Should_refuse_an_empty_password_file()
    {
        var node = NewCertificates(out _);
        File.WriteAllText(Path.Combine(node, CertificateFolder.NodePassword), "");
        Assert.Contains("is empty", Refusal(node));
    }

    [Fact]
    public void Should_refuse_a_CA_file_that_is_not_a_certificate()
    {
        var node = NewCertificates(out _);
        File.WriteAllText(Path.Combine(node, CertificateFolder.AuthorityCertificate), "hello\n");
        Assert.Contains("is not a certificate", Refusal(node));
    }

    [Fact]
    public void Should_refuse_a_CA_file_that_holds_a_node_certificate()
    {
        var node = NewCertificates(out _);
        var tls = ClusterTls.Load(node);
        File.WriteAllText(Path.Combine(node, CertificateFolder.AuthorityCertificate), tls.Certificate.ExportCertificatePem());
        Assert.Contains("is not a CA certificate", Refusal(node));
    }

    [Fact]
    public void Should_refuse_a_node_certificate_signed_by_another_CA()
    {
        var node = NewCertificates(out _);
        var other = NewCertificates(out _);
        File.Copy(Path.Combine(other, CertificateFolder.AuthorityCertificate), Path.Combine(node, CertificateFolder.AuthorityCertificate), overwrite: true);
        Assert.Contains("is not accepted by ca.crt", Refusal(node));
    }

    [Fact]
    public void Should_refuse_a_node_file_without_a_private_key()
    {
        var node = NewCertificates(out _);
        var tls = ClusterTls.Load(node);
        var publicOnly = X509CertificateLoader.LoadCertificate(tls.Certificate.RawData);
        File.WriteAllBytes(Path.Combine(node, CertificateFolder.NodeCertificate), publicOnly.Export(X509ContentType.Pkcs12, "pw"));
        File.WriteAllText(Path.Combine(node, CertificateFolder.NodePassword), "pw\n");
        Assert.Contains("holds no private key", Refusal(node));
    }
}
