namespace MetaLoss.Host.Tests;

/// <summary>Bad input gets a clear message and a non-zero exit, and no existing journal is damaged.</summary>
public class BadInputSpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Fact]
    public void Should_reject_an_unknown_option()
    {
        var (code, output) = MetalossProcess.Run(Quick, "evolve", "--run", SmallRun.NewDirectory(), "--bogus");
        Assert.Equal(2, code);
        Assert.Equal("metaloss: Unrecognized command or argument '--bogus'. (see `metaloss evolve --help`)", output.Trim());
    }

    [Theory]
    [InlineData("evolve", "--generations", "abc", "Cannot parse argument 'abc' for option '--generations'")]
    [InlineData("evolve", "--port", "http", "Cannot parse argument 'http' for option '--port'")]
    [InlineData("evolve", "--steps", "99999999999", "Cannot parse argument '99999999999' for option '--steps'")]
    [InlineData("evolve", "--seed", "-1", "Cannot parse argument '-1' for option '--seed'")]
    [InlineData("evolve", "--hidden1", "100000000", "--hidden1 must be at most 16384, got 100000000")]
    [InlineData("evolve", "--population", "1000000000", "a generation of 2 x 1000000000 candidates x 3 episodes is 6,000,000,000 episodes; at most 100,000")]
    [InlineData("evolve", "--validation-episodes", "100000000", "meta-validation of 2 candidates on 100000000 episodes is 200,000,000 episodes")]
    [InlineData("evolve", "--run", "", "--run: the run directory's path is empty")]
    [InlineData("evolve", "--run", "/proc/no-such-run", "--run /proc/no-such-run: cannot create the directory")]
    [InlineData("evolve", "--sigma", "NaN", "sigma must be from 1E-05 to 1, got NaN")]
    [InlineData("evolve", "--batch-size", "0", "--batch-size must be a positive whole number")]
    [InlineData("evolve", "--batch-size", "-3", "--batch-size must be a positive whole number")]
    [InlineData("evolve", "--batch-size", "65", "--batch-size 65 is more than one lease may hold (metaloss.max-lease-episodes = 64)")]
    [InlineData("evolve", "--batch-size", "201", "--batch-size must be at most 200, got 201")]
    [InlineData("calibrate", "--lr", "-1", "--lr: '-1' is not a positive number")]
    [InlineData("calibrate", "--lr", "1e400", "--lr: '1e400' is not a positive number")]
    [InlineData("calibrate", "--lr", "", "--lr: no values in ''")]
    [InlineData("calibrate", "--losses", "hinge", "--losses: unknown loss 'hinge'")]
    [InlineData("calibrate", "--per-class", "100000", "class 0 of fashion-mnist-test has 1,000 rows, fewer than the 100,000 training examples asked for")]
    [InlineData("calibrate", "--threads", "0", "--threads must be a positive whole number")]
    [InlineData("calibrate", "--fashion-mnist-dir", "", "Cannot parse argument '' for option '--fashion-mnist-dir'")]
    [InlineData("calibrate", "--episodes", "1000000000", "--episodes must be at most 100000, got 1000000000")]
    [InlineData("evaluate", "--episodes", "100001", "--episodes must be at most 100000, got 100001")]
    [InlineData("evaluate", "--tune-episodes", "100001", "--tune-episodes must be at most 100000, got 100001")]
    [InlineData("evaluate", "--curve-episodes", "100001", "--curve-episodes must be at most 100000, got 100001")]
    [InlineData("evaluate", "--run", "/no-such-run", "--run /no-such-run: no such run directory")]
    [InlineData("status", "--run", "", "--run: the run directory's path is empty")]
    [InlineData("status", "--postgres-password-file", "/tmp/x", "--postgres-password-file: it is the password of --postgres, which was not given")]
    public void Should_refuse_bad_input_in_one_line_with_exit_2(string command, string option, string value, string message)
    {
        string[] args = command == "calibrate"
            ? ["calibrate", .. option == "--episodes" ? Array.Empty<string>() : ["--episodes", "1"], option, value]
            : [command, option, value, .. option == "--run" ? Array.Empty<string>() : ["--run", SmallRun.NewDirectory()]];
        var (code, output) = MetalossProcess.Run(Quick, args);
        Assert.True(code == 2, output);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
        Assert.StartsWith("metaloss: ", line);
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
        Assert.True(Directory.Exists(run), "a run folder the user made was removed");
    }

    [Fact]
    public void Should_remove_the_run_folder_it_made_when_the_run_never_started()
    {
        var run = Path.Combine(SmallRun.NewDirectory(), "new-run");
        var (code, output) = MetalossProcess.Run(Quick, SmallRun.Evolve(run, "--fashion-mnist-dir", "/nonexistent-data"));
        Assert.Equal(2, code);
        Assert.Contains("apt-get install dataset-fashion-mnist", output);
        Assert.False(Directory.Exists(run), $"left behind: {string.Join(", ", Directory.Exists(run) ? Directory.GetFileSystemEntries(run) : [])}");
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
