using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Population;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>
/// Whole runs whose results depend on the batch-mates (<see cref="GroupSensitiveEpisodes"/>): they end
/// bit-identical however many slots took the groups, and across a restart in the middle of a group.
/// </summary>
public sealed class GroupedRunSpecs() : TestKit(SpecConfig.InMemory)
{
    /// <summary>6 candidates x 4 episodes (groups of 5: 5, 5, 5, 5, 4), then 2 x 3 meta-validation episodes (5, 1).</summary>
    private static readonly RunSettings Settings =
        TestRuns.ValidatedSettings(parents: 3, episodes: 4, generations: 3, validationEpisodes: 3, top: 2) with { BatchSize = 5 };

    private RunStatus RunToEnd(string id, int evaluators, int requestEpisodes, RunSettings? settings = null)
    {
        var slots = Enumerable.Range(0, evaluators)
            .Select(i => EvaluatorActor.Props(new DeviceSlot(DeviceKind.Cpu, i), null, GroupSensitiveEpisodes.Factory, requestEpisodes))
            .ToList();
        var population = Sys.ActorOf(PopulationActor.Props(id, TestRuns.Options, slots));
        var progress = CreateTestProbe();
        progress.Send(population, SubscribeProgress.Instance);
        population.Tell(TestRuns.Start(settings ?? Settings));
        ExpectMsg<RunAccepted>(accepted => !accepted.Resumed);
        progress.FishForMessage<ProgressUpdate>(update => update.Finished, TimeSpan.FromSeconds(20));
        return Status(population);
    }

    private RunStatus Status(IActorRef population)
    {
        population.Tell(GetRunStatus.Instance);
        return ExpectMsg<RunStatus>();
    }

    /// <summary>Plays one evaluator by hand: takes leases and reports every group whole until the run is finished.</summary>
    private static void Finish(TestProbe evaluator, IActorRef population)
    {
        while (true)
        {
            evaluator.Send(population, new RequestWork(5));
            if (evaluator.ExpectMsg<IPopulationMessage>() is not WorkLease lease) return;
            foreach (var result in lease.Groups.SelectMany(GroupSensitiveEpisodes.Finish)) evaluator.Send(population, result);
        }
    }

    [Fact]
    public void Should_end_bit_identical_whichever_slots_computed_the_groups()
    {
        var one = RunToEnd("one", 1, requestEpisodes: 5);

        Assert.Equal(Settings.Generations, one.History.Count);
        Assert.NotNull(one.BestValidated);
        RunAssert.SameRun(one, RunToEnd("two", 2, requestEpisodes: 5));
        RunAssert.SameRun(one, RunToEnd("three-asking-for-one", 3, requestEpisodes: 1));
        RunAssert.SameRun(one, RunToEnd("two-asking-for-twelve", 2, requestEpisodes: 12));
        // The same run in groups of one differs: the results really depend on the groups.
        var ungrouped = RunToEnd("ungrouped", 2, requestEpisodes: 5, Settings with { BatchSize = 1 });
        Assert.NotEqual(one.History.Select(g => g.MeanFitness), ungrouped.History.Select(g => g.MeanFitness));
    }

    [Fact]
    public void Should_end_bit_identical_after_a_restart_in_the_middle_of_a_group()
    {
        var evaluator = CreateTestProbe();
        var uninterrupted = Sys.ActorOf(PopulationActor.Props("uninterrupted", TestRuns.Options, []));
        uninterrupted.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        Finish(evaluator, uninterrupted);

        var interrupted = Sys.ActorOf(PopulationActor.Props("interrupted", TestRuns.Options, []));
        interrupted.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        var lease = evaluator.Take(interrupted, 10);
        var reported = lease.Groups.SelectMany(GroupSensitiveEpisodes.Finish).Take(7).ToList();
        foreach (var result in reported) evaluator.Send(interrupted, result);
        Assert.Equal(7, Status(interrupted).EpisodesDoneThisGeneration);
        Watch(interrupted);
        Sys.Stop(interrupted);
        ExpectTerminated(interrupted);

        var recovered = Sys.ActorOf(PopulationActor.Props("interrupted", TestRuns.Options, []));
        var regrouped = evaluator.Take(recovered, 5);
        Assert.Equal(lease.Groups[1].Episodes.Select(a => a.Key), regrouped.Episodes.Select(a => a.Key));
        // Recomputed whole, the group's first two members (persisted before the restart) come out the same.
        EventFilter.Warning(contains: "recomputed").Expect(0, () =>
        {
            foreach (var result in regrouped.Groups.SelectMany(GroupSensitiveEpisodes.Finish)) evaluator.Send(recovered, result);
            Finish(evaluator, recovered);
        });

        var expected = Status(uninterrupted);
        Assert.True(expected.Finished);
        RunAssert.SameRun(expected, Status(recovered));
        Assert.Equal(expected.EpisodesCompleted, Status(recovered).EpisodesCompleted);
    }
}
