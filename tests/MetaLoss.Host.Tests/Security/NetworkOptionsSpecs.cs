using System.CommandLine;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Options;
using MetaLoss.Host.Security;

namespace MetaLoss.Host.Tests.Security;

/// <summary>How --port, --hostname, --join, --tls and --insecure become cluster settings.</summary>
public class NetworkOptionsSpecs
{
    private static ClusterSettings? Read(params string[] args)
    {
        var options = new NetworkOptions("port", joinRequired: false);
        var command = new Command("test");
        options.AddTo(command);
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return options.Read(result, [ClusterSettings.EvaluatorRole]);
    }

    private static string TlsFolder()
    {
        var root = Path.Combine(SmallRun.NewDirectory(), "certs");
        CertificateFolder.Create(root).Dispose();
        return Path.Combine(root, CertificateFolder.NodeFolder);
    }

    [Fact]
    public void Should_run_plain_TCP_on_loopback_by_default()
    {
        var cluster = Read("--port", "4053")!;
        Assert.Null(cluster.Tls);
        Assert.Equal("127.0.0.1", cluster.Hostname);
        Assert.Equal(["akka.tcp://metaloss@127.0.0.1:4053"], cluster.SeedNodes);
    }

    [Fact]
    public void Should_use_TLS_and_its_scheme_with_tls()
    {
        var cluster = Read("--join", "127.0.0.1:4053", "--tls", TlsFolder())!;
        Assert.NotNull(cluster.Tls);
        Assert.Equal(["akka.ssl.tcp://metaloss@127.0.0.1:4053"], cluster.SeedNodes);
    }

    [Fact]
    public void Should_allow_any_address_with_tls()
    {
        Assert.NotNull(Read("--port", "4053", "--hostname", "0.0.0.0", "--tls", TlsFolder())!.Tls);
    }

    [Fact]
    public void Should_allow_any_address_without_tls_only_with_insecure()
    {
        Assert.Throws<ArgumentException>(() => Read("--port", "4053", "--hostname", "0.0.0.0"));
        Assert.Null(Read("--port", "4053", "--hostname", "0.0.0.0", "--insecure")!.Tls);
    }

    [Theory]
    [InlineData("--tls", "/somewhere")]
    [InlineData("--insecure")]
    public void Should_refuse_transport_options_without_networking(params string[] args)
    {
        var message = Assert.Throws<ArgumentException>(() => Read(args)).Message;
        Assert.Contains("need --port or --join", message);
    }
}
