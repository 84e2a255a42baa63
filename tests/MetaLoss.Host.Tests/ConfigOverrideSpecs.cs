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
    [InlineData("metaloss.lease-timeout = banana", "configuration section metaloss")]
    [InlineData("metaloss.batch-size = 0", "metaloss.batch-size must be positive")]
    [InlineData("metaloss.lease-size = 4", "metaloss.lease-size is now metaloss.batch-size")]
    [InlineData("metaloss.max-lease-episodes = 0", "metaloss.max-lease-episodes must be from 1 to 200")]
    [InlineData("metaloss.max-lease-episodes = 201", "may not fit Akka.Remote's 128 KB frame")]
    [InlineData("nonsense", "use path = value")]
    public void Should_reject_a_bad_override_before_starting(string setting, string message)
    {
        var run = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(TimeSpan.FromMinutes(1), SmallRun.Evolve(run, "--config", setting));
        Assert.Equal(2, code);
        Assert.Contains(message, output);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")));
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
