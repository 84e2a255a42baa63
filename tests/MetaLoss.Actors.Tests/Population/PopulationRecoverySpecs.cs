using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>State rebuilt from the journal (and snapshots) equals the state that wrote it.</summary>
public sealed class PopulationRecoverySpecs() : TestKit(SpecConfig.InMemory)
{
    private static readonly RunSettings Settings = TestRuns.Settings(parents: 2, episodes: 2, generations: 4);

    private IActorRef Population(PopulationOptions options) => Sys.ActorOf(PopulationActor.Props("run", options, []));

    private RunStatus Status(IActorRef population)
    {
        population.Tell(GetRunStatus.Instance);
        return ExpectMsg<RunStatus>();
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    /// <summary>Two full generations and three results of the third, then the actor is stopped.</summary>
    private RunStatus RunPartway(PopulationOptions options, TestProbe evaluator)
    {
        var population = Population(options);
        population.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        evaluator.Complete(population, Settings.EpisodesPerGeneration);
        evaluator.Complete(population, Settings.EpisodesPerGeneration);
        evaluator.Complete(population, 3);
        var status = Status(population);
        Assert.Equal(2, status.Generation);
        Assert.Equal(3, status.EpisodesDoneThisGeneration);
        Stop(population);
        return status;
    }

    private static void AssertSameState(RunStatus expected, RunStatus actual)
    {
        RunAssert.SameRun(expected, actual);
        Assert.Equal(expected.EpisodesDoneThisGeneration, actual.EpisodesDoneThisGeneration);
        Assert.Equal(expected.EpisodesCompleted, actual.EpisodesCompleted);
    }

    [Fact]
    public void Should_recover_the_same_state_from_the_journal()
    {
        var evaluator = CreateTestProbe();
        var before = RunPartway(TestRuns.Options, evaluator);

        var recovered = Population(TestRuns.Options);

        AssertSameState(before, Status(recovered));
        var pending = evaluator.Take(recovered, 8).Episodes.Select(a => a.Key);
        Assert.Equal([new(2, 1, 1), new(2, 2, 0), new(2, 2, 1), new(2, 3, 0), new(2, 3, 1)], pending);
    }

    [Fact]
    public void Should_recover_the_same_state_from_a_snapshot_and_later_events()
    {
        var options = TestRuns.Options with { SnapshotEveryGenerations = 1 };
        var evaluator = CreateTestProbe();
        var before = RunPartway(options, evaluator);

        Persistence.Instance.Apply(Sys).SnapshotStoreFor(null)
            .Tell(new LoadSnapshot("run", SnapshotSelectionCriteria.Latest, long.MaxValue));
        var snapshot = Assert.IsType<PopulationState>(ExpectMsg<LoadSnapshotResult>().Snapshot?.Snapshot);
        Assert.Equal(2, snapshot.Generation);
        var recovered = Population(options);

        AssertSameState(before, Status(recovered));
    }

    [Fact]
    public void Should_finish_a_recovered_run_like_an_uninterrupted_one()
    {
        var uninterrupted = Sys.ActorOf(PopulationActor.Props("uninterrupted", TestRuns.Options, []));
        uninterrupted.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        var evaluator = CreateTestProbe();
        for (var g = 0; g < Settings.Generations; g++) evaluator.Complete(uninterrupted, Settings.EpisodesPerGeneration);
        RunPartway(TestRuns.Options, evaluator);

        var resumed = Population(TestRuns.Options);
        evaluator.Complete(resumed, Settings.EpisodesPerGeneration);
        evaluator.Complete(resumed, Settings.EpisodesPerGeneration);

        var expected = Status(uninterrupted);
        Assert.True(expected.Finished);
        AwaitAssert(() => AssertSameState(expected, Status(resumed)));
    }

    [Fact]
    public void Should_persist_a_duplicate_or_stale_result_only_once()
    {
        var population = Population(TestRuns.Options);
        population.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        var evaluator = CreateTestProbe();
        var first = evaluator.Take(population, Settings.EpisodesPerGeneration).Episodes;
        foreach (var assignment in first) evaluator.Send(population, TestRuns.Finish(assignment));
        evaluator.Send(population, TestRuns.Finish(first[0]));
        var second = evaluator.Take(population, 1).Episodes[0];
        evaluator.Send(population, TestRuns.Finish(second));
        evaluator.Send(population, TestRuns.Finish(second));
        evaluator.Send(population, TestRuns.Finish(first[1]));

        Assert.Equal(Settings.EpisodesPerGeneration + 1, Status(population).EpisodesCompleted);
        Stop(population);
        var counter = Sys.ActorOf(Props.Create(() => new JournalEventCounter("run")));
        counter.Tell("count");
        Assert.Equal(Settings.EpisodesPerGeneration + 1, ExpectMsg<Dictionary<string, int>>()["EpisodeCompleted"]);
    }

    [Fact]
    public void Should_recover_a_finished_run_as_finished()
    {
        var population = Population(TestRuns.Options);
        population.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        var evaluator = CreateTestProbe();
        for (var g = 0; g < Settings.Generations; g++) evaluator.Complete(population, Settings.EpisodesPerGeneration);
        var before = Status(population);
        Stop(population);

        var recovered = Population(TestRuns.Options);

        AssertSameState(before, Status(recovered));
        evaluator.Send(recovered, new RequestWork(1));
        evaluator.ExpectMsg<NoWorkAvailable>(none => none.RunFinished);
    }
}
