using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Tests;

/// <summary>
/// A run started under the old defaults (no progress input, all ten classes, a CE start, FashionMNIST
/// alone) resumes from the command without those options, after the defaults changed, and finishes
/// as if never interrupted.
/// </summary>
public class ResumeUnderNewDefaultsSpecs
{
    private static readonly string[] OldDefaults = ["--progress-input", "false", "--task-classes", "all", "--init", "ce", "--tasks", "template"];

    [Fact]
    public async Task Should_resume_an_old_default_run_from_the_plain_command_to_the_same_result()
    {
        var reference = SmallRun.Finished(OldDefaults);
        var interrupted = await SmallRun.KilledMidRun(OldDefaults);
        var resumed = MetalossProcess.Run(SmallRun.Timeout, SmallRun.ResumeAsWritten(interrupted));
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("Resumed at generation", resumed.Output);

        var expected = await SmallRun.State(reference);
        var actual = await SmallRun.State(interrupted);
        Assert.True(actual.Finished);
        Assert.False(actual.Settings!.Architecture.ProgressInput);
        Assert.True(actual.Settings.Tasks.IsDefault);
        Assert.Equal(MlnInit.CrossEntropyFit, actual.Settings.Init);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "best-mln.json")), File.ReadAllText(Path.Combine(interrupted, "best-mln.json")));
        var status = MetalossProcess.Run(SmallRun.Timeout, "status", "--run", interrupted);
        Assert.Contains("meta-training tasks: the template's dataset and regime; MLN without the training progress input, started as ce", status.Output);
    }

    [Fact]
    public void Should_refuse_an_old_default_run_resumed_with_the_new_defaults_stated()
    {
        var run = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, 1, OldDefaults)).ExitCode);
        var journal = File.ReadAllBytes(Path.Combine(run, "journal.db"));

        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, 1, "--progress-input", "--task-classes", "6..10"));

        Assert.True(code == 2, output);
        Assert.Contains("this run directory holds a run with other settings", output);
        Assert.Contains("architecture: journal has", output);
        Assert.Contains("tasks: journal has the template's dataset and regime, asked for template dataset; classes 6..10", output);
        Assert.Equal(journal, File.ReadAllBytes(Path.Combine(run, "journal.db")));
    }
}
