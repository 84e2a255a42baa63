using MetaLoss.Training.Evolution;

namespace MetaLoss.Host.Tests;

/// <summary>`--strategy`: a CMA-ES run resumes bit for bit through the real journal, and a bad or conflicting choice is refused.</summary>
public class SearchStrategySpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("bogus")]
    [InlineData("cmaes")]
    [InlineData("")]
    public void Should_refuse_an_unknown_strategy_in_one_line_with_exit_2(string strategy)
    {
        var run = SmallRun.NewDirectory();

        var (code, output) = MetalossProcess.Run(Quick, SmallRun.Evolve(run, "--strategy", strategy));

        Assert.True(code == 2, output);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"metaloss: --strategy: unknown '{strategy}'; use mu-plus-lambda or cma-es", line);
        Assert.False(File.Exists(Path.Combine(run, "journal.db")));
    }

    [Fact]
    public async Task Should_resume_a_killed_cma_es_run_to_the_same_state_and_refuse_another_strategy()
    {
        var reference = SmallRun.Finished("--strategy", "cma-es");
        var interrupted = await SmallRun.KilledMidRun("--strategy", "cma-es");
        // The journal holds a CMA-ES run: resuming it as (mu+lambda) is refused and changes nothing.
        var other = MetalossProcess.Run(Quick, SmallRun.Resume(interrupted, "--strategy", "mu-plus-lambda"));
        Assert.True(other.ExitCode == 2, other.Output);
        Assert.Contains("strategy: journal has cma-es, asked for mu-plus-lambda", other.Output);
        var resumed = MetalossProcess.Run(SmallRun.Timeout, SmallRun.Resume(interrupted, "--strategy", "cma-es"));
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("Resumed at generation", resumed.Output);

        var expected = await SmallRun.State(reference);
        var actual = await SmallRun.State(interrupted);
        Assert.True(actual.Finished);
        Assert.Equal(SearchStrategyName.CmaEs, actual.Settings!.Strategy);
        var state = Assert.IsType<CmaEsState>(actual.Search);
        Assert.Equal(expected.Search, state);
        Assert.Equal(SmallRun.ResumedGenerations, state.Generation);
        Assert.Equal(expected.History, actual.History);
        Assert.NotEmpty(expected.Validated);
        Assert.Equal(expected.Validated, actual.Validated);
        Assert.Equal(SmallRun.ResumedEpisodes, await SmallRun.EpisodeEvents(interrupted));
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "best-mln.json")), File.ReadAllText(Path.Combine(interrupted, "best-mln.json")));
        var status = MetalossProcess.Run(Quick, "status", "--run", interrupted);
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("separable CMA-ES: the mean and 5 samples a generation", status.Output);
    }
}
