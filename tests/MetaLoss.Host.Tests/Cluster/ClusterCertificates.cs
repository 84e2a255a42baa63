using MetaLoss.Host.Security;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>A fresh cluster CA and node certificate, made by `metaloss cert create` as a user would.</summary>
public static class ClusterCertificates
{
    /// <summary>Returns the node/ folder to give --tls.</summary>
    public static string Create()
    {
        var directory = Path.Combine(SmallRun.NewDirectory(), "certs");
        var (code, output) = MetalossProcess.Run(TimeSpan.FromSeconds(60), "cert", "create", directory);
        Assert.True(code == 0, output);
        return Path.Combine(directory, CertificateFolder.NodeFolder);
    }
}
