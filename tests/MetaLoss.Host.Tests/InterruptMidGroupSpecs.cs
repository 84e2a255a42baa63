namespace MetaLoss.Host.Tests;

/// <summary>
/// Ctrl+C while an episode group is being computed: `evolve` says it stopped and how to go on, once.
/// The group runs on past System.CommandLine's 2-second cut-off, which used to add a bare "Stopped.".
/// </summary>
public class InterruptMidGroupSpecs
{
    [Fact]
    public void Should_say_once_that_it_stopped_when_cut_off_while_a_group_still_runs()
    {
        var run = SmallRun.NewDirectory();
        // One slot and one group of a whole generation of wide classifiers: tens of seconds of work that no signal can cut short.
        using var process = MetalossProcess.Start("evolve", "--run", run, "--devices", "cpu:1", "--population", "3", "--episodes-per-candidate", "2",
            "--batch-size", "12", "--hidden1", "2048", "--hidden2", "2048", "--validation-size", "4000", "--init", "random",
            "--progress-input", "false", "--tasks", "template", "--task-classes", "all");
        Assert.True(process.WaitForLine("Initial MLN", SmallRun.Timeout), process.Output);
        // The generation's one group is leased within milliseconds of the start; give a loaded machine time to begin it.
        Thread.Sleep(TimeSpan.FromSeconds(3));

        process.Interrupt();

        Assert.Equal(130, process.WaitForExit(TimeSpan.FromSeconds(60)));
        var stopped = process.Output.Split('\n').Where(line => line.Contains("Stopped")).ToList();
        Assert.Equal(["Stopped. Run the same command to resume; episodes in flight will be redone."], stopped);
        Assert.DoesNotContain("generation    1/", process.Output);
    }
}
