namespace MetaLoss.Host.Tests.Cluster;

/// <summary>Transport-security options refused before anything binds or starts: one line, exit 2.</summary>
public class TransportSecurityBadInputSpecs
{
    private static (int ExitCode, string Output) Run(params string[] args) => MetalossProcess.Run(TimeSpan.FromSeconds(60), args);

    public static TheoryData<string[]> CommandsBindingAnyAddress => new()
    {
        SmallRun.Evolve(SmallRun.NewDirectory(), "--port", "4053", "--hostname", "0.0.0.0"),
        new[] { "node", "--join", "127.0.0.1:4053", "--hostname", "0.0.0.0" },
        new[] { "status", "--cluster", "127.0.0.1:4053", "--hostname", "0.0.0.0" },
    };

    [Theory]
    [MemberData(nameof(CommandsBindingAnyAddress))]
    public void Should_refuse_a_non_loopback_address_without_tls(string[] args)
    {
        var (code, output) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("metaloss: --hostname 0.0.0.0: without TLS anyone who can reach this address could join the cluster, send it results " +
                     "or stop the run; give --tls DIR (make one with `metaloss cert create DIR`), or --insecure if every machine on this network is trusted",
            output.Trim());
    }

    [Fact]
    public void Should_pass_the_address_check_with_insecure()
    {
        // A missing dataset stops the node after the check and before it binds anything.
        var (code, output) = Run("node", "--join", "127.0.0.1:4053", "--hostname", "0.0.0.0", "--insecure", "--fashion-mnist-dir", "/nonexistent-data");
        Assert.Equal(2, code);
        Assert.DoesNotContain("without TLS", output);
        Assert.Contains("/nonexistent-data", output);
    }

    [Fact]
    public void Should_refuse_certificates_that_do_not_open_in_one_line()
    {
        var tls = ClusterCertificates.Create();
        File.WriteAllText(Path.Combine(tls, "node.password"), "wrong\n");
        var (code, output) = Run("node", "--join", "127.0.0.1:4053", "--tls", tls);
        Assert.Equal(2, code);
        Assert.StartsWith("metaloss: --tls: ", output.Trim());
        Assert.Contains("does not open with the password", output);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public void Should_refuse_to_overwrite_certificates_in_cert_create()
    {
        var directory = Path.Combine(SmallRun.NewDirectory(), "certs");
        Assert.Equal(0, Run("cert", "create", directory).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(directory, "ca", "ca.pfx"));
        var (code, output) = Run("cert", "create", directory);
        Assert.Equal(2, code);
        Assert.Contains("refusing to overwrite", output);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(directory, "ca", "ca.pfx")));
    }
}
