using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests;

/// <summary>`--progress-input` (the default): a run whose MLN sees the training progress resumes bit for bit, keeps it in best-mln.json and its export, and refuses to resume with it turned off.</summary>
public class ProgressInputSpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("--progress-input", "maybe")]
    [InlineData("--progress-input=yes")]
    public void Should_refuse_a_progress_input_with_a_value_in_one_line_with_exit_2(params string[] option)
    {
        var run = SmallRun.NewDirectory();

        var (code, output) = MetalossProcess.Run(Quick, SmallRun.Evolve(run, option));

        Assert.True(code == 2, output);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("metaloss: Unrecognized command or argument", line);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")));
    }

    [Fact]
    public async Task Should_resume_a_killed_progress_input_run_to_the_same_state_and_refuse_it_without_the_option()
    {
        var reference = SmallRun.Finished("--progress-input");
        var interrupted = await SmallRun.KilledMidRun("--progress-input");
        // The journal holds an MLN with the progress input: resuming it with the input off (and so a start that needs none) is refused and changes nothing.
        var other = MetalossProcess.Run(Quick, SmallRun.Resume(interrupted, "--progress-input", "false", "--init", "ce"));
        Assert.True(other.ExitCode == 2, other.Output);
        Assert.Contains("architecture: journal has", other.Output);
        Assert.Contains("ProgressInput = True", other.Output);
        var resumed = MetalossProcess.Run(SmallRun.Timeout, SmallRun.Resume(interrupted, "--progress-input"));
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("Resumed at generation", resumed.Output);

        var expected = await SmallRun.State(reference);
        var actual = await SmallRun.State(interrupted);
        Assert.True(actual.Finished);
        Assert.True(actual.Settings!.Architecture.ProgressInput);
        Assert.Equal(expected.History, actual.History);
        Assert.NotEmpty(expected.Validated);
        Assert.Equal(expected.Validated, actual.Validated);
        Assert.Equal(SmallRun.ResumedEpisodes, await SmallRun.EpisodeEvents(interrupted));
        var best = Path.Combine(interrupted, "best-mln.json");
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "best-mln.json")), File.ReadAllText(best));
        var file = MlnFile.Load(best);
        Assert.True(file.Architecture.ProgressInput);
        Assert.Equal(file.Architecture.ParameterCount, file.Parameters.Length);
        var exported = Path.Combine(SmallRun.NewDirectory(), "learned-loss.json");
        var export = MetalossProcess.Run(Quick, "export", "--run", interrupted, "--out", exported);
        Assert.True(export.ExitCode == 0, export.Output);
        var exportedFile = MlnFile.Load(exported);
        Assert.True(exportedFile.Architecture.ProgressInput);
        Assert.Contains("loss.Compute(logits, oneHotTargets, t)", exportedFile.Usage);
    }
}
