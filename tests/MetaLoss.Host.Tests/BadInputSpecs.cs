using Microsoft.Data.Sqlite;

namespace MetaLoss.Host.Tests;

/// <summary>Bad input gets a clear message and a non-zero exit, and no existing journal is damaged.</summary>
public class BadInputSpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Fact]
    public void Should_reject_an_unknown_option()
    {
        var (code, output) = MetalossProcess.Run(Quick, "evolve", "--run", SmallRun.NewDirectory(), "--bogus");
        Assert.NotEqual(0, code);
        Assert.Contains("--bogus", output);
    }

    [Theory]
    [InlineData("--generations", "0", "--generations must be a positive whole number")]
    [InlineData("--validation-episodes", "-1", "meta-validation episodes must not be negative")]
    [InlineData("--devices", "gpu:1", "unknown device 'gpu'")]
    [InlineData("--devices", "cuda:0", "TorchSharp reports no CUDA device")]
    [InlineData("--devices", "cpu:0", "cpu:0 asks for no CPU slots")]
    [InlineData("--devices", "cpu:-2", "cannot read 'cpu:-2'")]
    [InlineData("--devices", "cpu:lots", "cannot read 'cpu:lots'")]
    [InlineData("--devices", "cpu:5000", "5000 CPU slots asked for; at most 1024")]
    [InlineData("--devices", "", "no device slots given")]
    public void Should_reject_a_bad_option_value_clearly(string option, string value, string message)
    {
        var run = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(Quick, "evolve", "--run", run, option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")));
    }

    [Fact]
    public void Should_warn_about_more_cpu_slots_than_cores_and_carry_on()
    {
        // The missing dataset is checked after the devices: its error shows the command went on.
        var slots = Environment.ProcessorCount + 7;
        var (code, output) = MetalossProcess.Run(Quick, "evolve", "--run", SmallRun.NewDirectory(), "--devices", $"cpu:{slots}",
            "--fashion-mnist-dir", "/nonexistent-data");
        Assert.Equal(2, code);
        var warning = Assert.Single(output.Split('\n'), line => line.Contains("warning"));
        Assert.Equal($"metaloss: warning: --devices asks for {slots} CPU slots on {Environment.ProcessorCount} cores; " +
                     $"more CPU slots than cores slow every episode (use cpu:{Environment.ProcessorCount} or fewer)", warning);
        Assert.Contains("apt-get install dataset-fashion-mnist", output);
    }

    [Fact]
    public void Should_reject_a_run_directory_that_is_a_file()
    {
        var file = Path.GetTempFileName();
        var (code, output) = MetalossProcess.Run(Quick, "evolve", "--run", file);
        Assert.Equal(2, code);
        Assert.Contains("is a file, not a directory", output);
    }

    [Fact]
    public void Should_reject_a_missing_dataset_before_creating_a_journal()
    {
        var run = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(Quick, SmallRun.Evolve(run, "--fashion-mnist-dir", "/nonexistent-data"));
        Assert.Equal(2, code);
        Assert.Contains("apt-get install dataset-fashion-mnist", output);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")));
    }

    [Fact]
    public void Should_refuse_a_file_that_is_not_a_journal_and_leave_it_alone()
    {
        var run = SmallRun.NewDirectory();
        var journal = Path.Combine(run, "journal.db");
        File.WriteAllText(journal, "not a database");
        var (code, output) = MetalossProcess.Run(Quick, SmallRun.Evolve(run));
        Assert.Equal(2, code);
        Assert.Contains("not a MetaLoss journal", output);
        Assert.Equal("not a database", File.ReadAllText(journal));
    }

    [Fact]
    public void Should_refuse_another_applications_database_without_adding_tables()
    {
        var run = SmallRun.NewDirectory();
        var journal = Path.Combine(run, "journal.db");
        using (var connection = new SqliteConnection($"Data Source={journal};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE invoices (id INTEGER)";
            command.ExecuteNonQuery();
        }
        var (code, output) = MetalossProcess.Run(Quick, SmallRun.Evolve(run));
        Assert.Equal(2, code);
        Assert.Contains("not a MetaLoss journal (tables: invoices)", output);
    }

    [Fact]
    public async Task Should_refuse_to_resume_with_conflicting_settings_and_keep_the_journal_intact()
    {
        var run = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, SmallRun.Evolve(run)).ExitCode);
        var before = await SmallRun.State(run);
        var eventsBefore = await SmallRun.EpisodeEvents(run);

        var (code, output) = MetalossProcess.Run(Quick, SmallRun.EvolveWithSeed(run, 8));
        Assert.Equal(2, code);
        Assert.Contains("seed: journal has 7, asked for 8", output);

        var after = await SmallRun.State(run);
        Assert.Equal(before.Population, after.Population);
        Assert.Equal(before.History, after.History);
        Assert.Equal(eventsBefore, await SmallRun.EpisodeEvents(run));
    }

    [Fact]
    public void Should_say_when_status_finds_no_run()
    {
        var (code, output) = MetalossProcess.Run(Quick, "status", "--run", SmallRun.NewDirectory());
        Assert.Equal(2, code);
        Assert.Contains("no journal.db here", output);
    }
}
