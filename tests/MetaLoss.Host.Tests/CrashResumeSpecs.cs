using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Tests;

/// <summary>The point of event sourcing: kill -9 at any moment loses nothing and changes nothing.</summary>
public class CrashResumeSpecs
{
    [Fact]
    public void Should_say_a_finished_run_has_nothing_to_resume_and_leave_its_journal_as_it_was()
    {
        var run = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, SmallRun.Evolve(run)).ExitCode);
        var journal = File.ReadAllBytes(Path.Combine(run, "journal.db"));
        var best = File.ReadAllText(Path.Combine(run, "best-mln.json"));

        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.Evolve(run));
        Assert.True(code == 0, output);
        Assert.Contains($"All {SmallRun.Generations} generations were already done; nothing to resume", output);
        Assert.DoesNotContain("Resumed at generation", output);
        Assert.Contains($"Finished {SmallRun.Generations} generations", output);
        Assert.Equal(journal, File.ReadAllBytes(Path.Combine(run, "journal.db")));
        Assert.Equal(best, File.ReadAllText(Path.Combine(run, "best-mln.json")));
    }

    [Fact]
    public async Task Should_finish_identically_to_an_uninterrupted_run_after_repeated_SIGKILL()
    {
        // Longer than the other small runs: a tiny generation can take 50 ms, and every kill below
        // must land before the end (checked after each), or it would test nothing.
        const int generations = 60;
        string[] Evolve(string run) => SmallRun.EvolveFor(run, 7, generations);
        var reference = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, Evolve(reference));
        Assert.True(code == 0, output);

        var interrupted = SmallRun.NewDirectory();
        var random = new Random(20261129);
        var kills = new List<string>();
        async Task KillHard(MetalossProcess process, string when)
        {
            process.KillHard();
            kills.Add(when);
            Assert.False((await SmallRun.State(interrupted)).Finished, $"killed {when}, after the run finished");
        }

        // 1. Right after a generation completes.
        using (var process = MetalossProcess.Start(Evolve(interrupted)))
        {
            Assert.True(process.WaitForLine("generation    1/", SmallRun.Timeout), process.Output);
            await KillHard(process, "after generation 1");
        }
        // 2. During a generation: a random moment after the next one completes.
        using (var process = MetalossProcess.Start(Evolve(interrupted)))
        {
            Assert.True(process.WaitForLine("generation    2/", SmallRun.Timeout), process.Output);
            var delay = random.Next(20, 300);
            Thread.Sleep(delay);
            await KillHard(process, $"{delay} ms after generation 2");
        }
        // 3. At a random moment of a fresh start: during recovery or the first episodes.
        using (var process = MetalossProcess.Start(Evolve(interrupted)))
        {
            var delay = random.Next(1500, 4000);
            Thread.Sleep(delay);
            await KillHard(process, $"{delay} ms after start");
        }
        using (var process = MetalossProcess.Start(Evolve(interrupted)))
        {
            Assert.True(process.WaitForExit(SmallRun.Timeout) == 0, process.Output);
            Assert.Contains($"Finished {generations} generations", process.Output);
        }

        var expected = await SmallRun.State(reference);
        var actual = await SmallRun.State(interrupted);
        var why = "killed " + string.Join(", ", kills);
        Assert.True(actual.Finished, why);
        // Computed in groups of 5 (the default batch size), each group whole whichever process took it.
        Assert.Equal(RunSettings.DefaultBatchSize, actual.Settings!.BatchSize);
        Assert.Equal(expected.Population, actual.Population);
        Assert.Equal(expected.History, actual.History);
        Assert.NotEmpty(expected.Validated);
        Assert.Equal(expected.Validated, actual.Validated);
        var episodes = SmallRun.TotalEpisodes / SmallRun.Generations * generations;
        Assert.Equal(episodes, await SmallRun.EpisodeEvents(interrupted));
        Assert.Equal(episodes, await SmallRun.EpisodeEvents(reference));
        Assert.Equal(await SmallRun.MetaValidationEvents(reference), await SmallRun.MetaValidationEvents(interrupted));
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "best-mln.json")), File.ReadAllText(Path.Combine(interrupted, "best-mln.json")));
    }

    [Fact]
    public void Should_stop_at_once_on_ctrl_c_while_fitting_the_initial_mln_and_start_over_when_run_again()
    {
        var run = SmallRun.NewDirectory();
        var command = SmallRun.EvolveFor(run, 7, 2, SmallRun.DefaultStart);
        using (var process = MetalossProcess.Start(command))
        {
            Assert.True(process.WaitForLine("Fitting the initial MLN", SmallRun.Timeout), process.Output);
            process.Interrupt();
            // The fit (seconds) is cut short, not finished first.
            Assert.Equal(130, process.WaitForExit(SmallRun.Timeout));
            Assert.DoesNotContain("Initial MLN (", process.Output);
            Assert.Contains("Run the same command to resume", process.Output);
        }
        var again = MetalossProcess.Run(SmallRun.Timeout, command);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("Initial MLN (", again.Output);
    }

    [Fact]
    public async Task Should_stop_cleanly_on_ctrl_c_and_resume_from_the_bare_command_to_the_same_result()
    {
        // Longer than the other runs: a tiny generation takes about 50 ms, and the interrupt must
        // land mid-run even when a loaded machine delays the test that sends it.
        const int generations = 60;
        string[] Evolve(string run) => SmallRun.EvolveFor(run, 7, generations);
        var reference = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, Evolve(reference)).ExitCode);

        var interrupted = SmallRun.NewDirectory();
        using (var process = MetalossProcess.Start(Evolve(interrupted)))
        {
            Assert.True(process.WaitForLine("generation    2/", SmallRun.Timeout), process.Output);
            process.Interrupt();
            Assert.Equal(130, process.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Contains("Run the same command to resume", process.Output);
        }
        // The run's groups are part of its plan: a resume asking for others is refused, and changes nothing.
        var regrouped = MetalossProcess.Run(SmallRun.Timeout, [.. Evolve(interrupted), "--batch-size", "4"]);
        Assert.True(regrouped.ExitCode == 2, regrouped.Output);
        Assert.Contains("batch size: journal has 5, asked for 4", regrouped.Output);
        // The bare command resumes it too: every setting it leaves out is the run's own, none the defaults.
        var resumed = MetalossProcess.Run(SmallRun.Timeout, "evolve", "--run", interrupted);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Matches($@"Resumed at generation \d+ of {generations}\b", resumed.Output);

        Assert.Equal((await SmallRun.State(reference)).Population, (await SmallRun.State(interrupted)).Population);
        Assert.Equal(SmallRun.TotalEpisodes / SmallRun.Generations * generations, await SmallRun.EpisodeEvents(interrupted));
    }
}
