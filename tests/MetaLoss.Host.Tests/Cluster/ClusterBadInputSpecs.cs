namespace MetaLoss.Host.Tests.Cluster;

/// <summary>Cluster options that cannot work are refused before anything starts.</summary>
public class ClusterBadInputSpecs
{
    private static (int ExitCode, string Output) Run(params string[] args) => MetalossProcess.Run(TimeSpan.FromSeconds(60), args);

    [Fact]
    public void Should_refuse_a_joining_evolve_without_the_shared_journal()
    {
        var (code, output) = Run(SmallRun.Evolve(SmallRun.NewDirectory(), "--join", "127.0.0.1:4053"));
        Assert.Equal(2, code);
        Assert.Contains("needs the shared journal; add --postgres", output);
    }

    [Theory]
    [InlineData("--join", "nohost")]
    [InlineData("--join", "127.0.0.1:99999")]
    public void Should_refuse_a_node_with_a_bad_join_address(string option, string value)
    {
        var (code, output) = Run("node", option, value);
        Assert.Equal(2, code);
        Assert.Contains("use HOST:PORT", output);
    }

    [Fact]
    public void Should_refuse_a_node_without_join()
    {
        var (code, output) = Run("node");
        Assert.NotEqual(0, code);
        Assert.Contains("--join", output);
    }

    [Fact]
    public void Should_refuse_an_unreadable_postgres_connection()
    {
        var (code, output) = Run(SmallRun.Evolve(SmallRun.NewDirectory(), "--postgres", "postgres://[bad"));
        Assert.Equal(2, code);
        Assert.Contains("--postgres: cannot read", output);
    }

    [Fact]
    public void Should_refuse_a_postgres_server_that_does_not_answer()
    {
        var (code, output) = Run(SmallRun.Evolve(SmallRun.NewDirectory(), "--postgres", $"Host=127.0.0.1;Port={ClusterRun.FreePort()};Username=nobody"));
        Assert.Equal(2, code);
        Assert.Contains("--postgres: cannot connect to 127.0.0.1:", output);
    }

    [Fact]
    public void Should_refuse_a_status_with_nothing_to_show()
    {
        var (code, output) = Run("status");
        Assert.Equal(2, code);
        Assert.Contains("give --run DIR", output);
    }
}
