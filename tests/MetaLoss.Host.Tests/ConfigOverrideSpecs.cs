using Microsoft.Data.Sqlite;

namespace MetaLoss.Host.Tests;

public class ConfigOverrideSpecs
{
    [Fact]
    public async Task Should_apply_a_hocon_override_from_the_command_line()
    {
        // The default (hocon/evolution.conf) snapshots every 10 generations, so a 6-generation run has none.
        var run = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout,
            SmallRun.Evolve(run, "--config", "metaloss.snapshot-every-generations = 2"));
        Assert.True(code == 0, output);
        Assert.True(SnapshotRows(run) > 0, "the override should have made the population actor snapshot");
        Assert.True((await SmallRun.State(run)).Finished);
    }

    [Theory]
    [InlineData("metaloss.lease-timeout = banana", "metaloss.lease-timeout = banana: not a duration")]
    [InlineData("metaloss.lease-timeout = -3s", "metaloss.lease-timeout = -3s: not a duration")]
    [InlineData("metaloss.lease-timeout = 0s", "metaloss.lease-timeout must be positive")]
    [InlineData("metaloss.lease-timeout = infinite", "metaloss.lease-timeout = infinite: not a duration")]
    [InlineData("metaloss.lease-timeout = 99999999999d", "metaloss.lease-timeout = 99999999999d: not a duration")]
    [InlineData("metaloss.request-episodes = 0", "metaloss.request-episodes must be positive")]
    [InlineData("metaloss.request-episodes = 100000", "metaloss.request-episodes must be at most 1024, got 100000")]
    [InlineData("metaloss.request-episodes = abc", "metaloss.request-episodes = abc: not a whole number")]
    [InlineData("metaloss.request-episodes = 1e12", "metaloss.request-episodes = 1e12: not a whole number")]
    [InlineData("metaloss.request-episodes = [1, 2]", "metaloss.request-episodes must be set to a single value")]
    [InlineData("metaloss.request-episodes { size = 5 }", "--config: metaloss.request-episodes is a value, not a section")]
    [InlineData("metaloss.snapshot-every-generations = -1", "metaloss.snapshot-every-generations must be positive")]
    [InlineData("metaloss.lease-size = 4", "metaloss.lease-size is now metaloss.request-episodes")]
    [InlineData("metaloss.batch-size = 5", "metaloss.batch-size is now a run setting, `evolve --batch-size`")]
    [InlineData("metaloss.lease-timout = 30s", "metaloss.lease-timout is not a setting; metaloss has lease-timeout")]
    [InlineData("metaloss = 5", "--config: metaloss is a section (journal-retries, lease-timeout, max-lease-episodes, ")]
    [InlineData("metaloss = null", "--config: metaloss is a section")]
    [InlineData("akka = 5", "--config: akka is a section")]
    [InlineData("akka.cluster = off", "--config: akka.cluster is a section")]
    [InlineData("akka.loglevel { level = DEBUG }", "--config: akka.loglevel is a value, not a section")]
    [InlineData("metaloss.max-lease-episodes = 0", "metaloss.max-lease-episodes must be from 1 to 200")]
    [InlineData("metaloss.max-lease-episodes = 201", "may not fit Akka.Remote's 128 KB frame")]
    [InlineData("nonsense", "use path = value")]
    [InlineData("metaloss.request-episodes = ", "metaloss.request-episodes has no value")]
    [InlineData("metaloss.request-episodes = null", "metaloss.request-episodes has no value")]
    public void Should_reject_a_bad_override_before_starting(string setting, string message)
    {
        var run = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(TimeSpan.FromMinutes(1), SmallRun.Evolve(run, "--config", setting));
        Assert.Equal(2, code);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")));
    }

    [Theory]
    [InlineData("metaloss = 5", "--config: metaloss is a section")]
    [InlineData("metaloss.reask-when-idle = soon", "metaloss.reask-when-idle = soon: not a duration")]
    public void Should_reject_a_bad_override_of_a_node_before_joining(string setting, string message)
    {
        var (code, output) = MetalossProcess.Run(TimeSpan.FromMinutes(1), "node", "--join", "127.0.0.1:4053", "--config", setting);
        Assert.Equal(2, code);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
    }

    private static long SnapshotRows(string run)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM snapshot";
        return (long)command.ExecuteScalar()!;
    }
}
