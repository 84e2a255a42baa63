using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>A resume may give a run more generations: it goes on as a run started with that many would.</summary>
public sealed class RunExtensionSpecs() : TestKit(SpecConfig.InMemory)
{
    private static readonly RunSettings Short = TestRuns.Settings(parents: 2, episodes: 2, generations: 2);
    private static readonly RunSettings Long = Short with { Generations = 4 };

    private IActorRef Population(string id) => Sys.ActorOf(PopulationActor.Props(id, TestRuns.Options, []));

    private RunStatus Status(IActorRef population)
    {
        population.Tell(GetRunStatus.Instance);
        return ExpectMsg<RunStatus>();
    }

    /// <summary>A run of <see cref="Short"/>, finished, and its actor stopped: what a later `evolve` finds.</summary>
    private void FinishedShortRun(string id)
    {
        var population = Population(id);
        population.Tell(TestRuns.Start(Short));
        ExpectMsg<RunAccepted>();
        var evaluator = CreateTestProbe();
        for (var g = 0; g < Short.Generations; g++) evaluator.Complete(population, Short.EpisodesPerGeneration);
        Assert.True(Status(population).Finished);
        Watch(population);
        Sys.Stop(population);
        ExpectTerminated(population);
    }

    [Fact]
    public void Should_finish_a_finished_run_given_more_generations_as_a_run_started_with_them()
    {
        var reference = Population("long");
        reference.Tell(TestRuns.Start(Long));
        ExpectMsg<RunAccepted>();
        var evaluator = CreateTestProbe();
        for (var g = 0; g < Long.Generations; g++) evaluator.Complete(reference, Long.EpisodesPerGeneration);
        FinishedShortRun("extended");

        var extended = Population("extended");
        extended.Tell(new StartRun(Long, []));
        var accepted = ExpectMsg<RunAccepted>();
        Assert.True(accepted.Resumed);
        Assert.Equal(Short.Generations, accepted.Generation);
        Assert.Equal(Long, accepted.Settings);
        for (var g = Short.Generations; g < Long.Generations; g++) evaluator.Complete(extended, Long.EpisodesPerGeneration);

        var expected = Status(reference);
        Assert.True(expected.Finished);
        AwaitAssert(() => RunAssert.SameRun(expected, Status(extended)));
        Assert.Equal(expected.EpisodesCompleted, Status(extended).EpisodesCompleted);

        // The extension is journaled: a later incarnation recovers the longer run, finished.
        Watch(extended);
        Sys.Stop(extended);
        ExpectTerminated(extended);
        var recovered = Status(Population("extended"));
        Assert.True(recovered.Finished);
        Assert.Equal(Long.Generations, recovered.Generations);
    }

    [Fact]
    public void Should_refuse_fewer_generations_and_say_a_run_can_only_be_given_more()
    {
        FinishedShortRun("short");
        var population = Population("short");

        population.Tell(new StartRun(Short with { Generations = 1 }, []));

        Assert.Equal("this run directory holds a run with other settings: generations: journal has 2, asked for 1 " +
                     "(a resume may give a run more generations, not fewer)", ExpectMsg<RunRejected>().Reason);
        Assert.Equal(Short.Generations, Status(population).Generations);
    }

    [Fact]
    public void Should_refuse_more_generations_with_another_setting_changed_and_journal_nothing()
    {
        FinishedShortRun("other");
        var population = Population("other");

        population.Tell(new StartRun(Long with { Seed = Long.Seed + 1 }, []));

        var reason = ExpectMsg<RunRejected>().Reason;
        Assert.Contains("seed: journal has", reason);
        Assert.DoesNotContain("generations", reason);
        Assert.Equal(Short.Generations, Status(population).Generations);
    }
}
