namespace MetaLoss.Host.Tests;

/// <summary>`evolve --generations N` on a run with fewer gives it more: it ends as a run started with N.</summary>
public class RunExtensionSpecs
{
    [Fact]
    public async Task Should_give_a_finished_run_more_generations_and_end_as_a_run_started_with_them()
    {
        var reference = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(reference, 7, 4)).ExitCode);
        var extended = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(extended, 7, 2)).ExitCode);

        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(extended, 7, 4));

        Assert.True(code == 0, output);
        Assert.Contains("Resumed at generation 3 of 4", output);
        var expected = await SmallRun.State(reference);
        var actual = await SmallRun.State(extended);
        Assert.True(actual.Finished);
        Assert.Equal(expected.Population, actual.Population);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Validated, actual.Validated);
        foreach (var file in new[] { "best-mln.json", "generations.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(reference, file)), File.ReadAllText(Path.Combine(extended, file)));
        Assert.Contains("finished: 4/4 generations", MetalossProcess.Run(SmallRun.Timeout, "status", "--run", extended).Output);
    }

    [Fact]
    public void Should_refuse_fewer_generations_and_leave_the_journal_as_it_was()
    {
        var run = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, 2)).ExitCode);
        var journal = File.ReadAllBytes(Path.Combine(run, "journal.db"));

        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, 1));

        Assert.True(code == 2, output);
        Assert.Contains("generations: journal has 2, asked for 1 (a resume may give a run more generations, not fewer)", output);
        Assert.Equal(journal, File.ReadAllBytes(Path.Combine(run, "journal.db")));
    }
}
