using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Evaluation;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Leases of whole groups: granted, returned and recomputed whole; results still taken one by one.</summary>
public sealed class PopulationGroupLeaseSpecs() : TestKit(SpecConfig.InMemory)
{
    /// <summary>6 candidates x 2 episodes in groups of 5: groups of 5, 5 and 2.</summary>
    private static readonly RunSettings Grouped = TestRuns.Settings(parents: 3, episodes: 2, batchSize: 5);

    private IActorRef Started(RunSettings settings, PopulationOptions? options = null, string id = "run")
    {
        var population = Sys.ActorOf(PopulationActor.Props(id, options ?? TestRuns.Options, []));
        population.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>(accepted => !accepted.Resumed);
        return population;
    }

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

    [Fact]
    public void Should_lease_whole_groups_up_to_the_episodes_asked_for()
    {
        var population = Started(Grouped);
        var evaluator = CreateTestProbe();

        var lease = evaluator.Take(population, 10);

        Assert.Equal([5, 5], lease.Groups.Select(group => group.Episodes.Count));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => new EpisodeKey(0, i / 2, i % 2)), lease.Episodes.Select(a => a.Key));
        Assert.Equal([2], evaluator.Take(population, 10).Groups.Select(group => group.Episodes.Count));
    }

    [Fact]
    public void Should_lease_one_whole_group_to_an_evaluator_asking_for_fewer_episodes()
    {
        var population = Started(Grouped);
        var evaluator = CreateTestProbe();

        var lease = evaluator.Take(population, 1);

        Assert.Equal(5, Assert.Single(lease.Groups).Episodes.Count);
    }

    [Fact]
    public void Should_hold_a_group_until_every_episode_of_it_has_a_result()
    {
        var population = Started(Grouped);
        var holder = CreateTestProbe();
        var other = CreateTestProbe();
        var group = Assert.Single(holder.Take(population, 5).Groups);
        var results = GroupSensitiveEpisodes.Finish(group);
        foreach (var result in results.Take(4)) holder.Send(population, result);

        // Four of five are in: the group is still the holder's, so the next evaluator gets the next group.
        Assert.Equal(new EpisodeKey(0, 2, 1), other.Take(population, 5).Episodes[0].Key);
        holder.Send(population, results[4]);
        Assert.Equal(5, Status(population).EpisodesDoneThisGeneration);
    }

    [Fact]
    public void Should_lease_a_partly_done_group_whole_again_when_its_holder_dies_and_keep_the_results_in()
    {
        var population = Started(Grouped);
        var doomed = CreateTestProbe();
        var survivor = CreateTestProbe();
        var group = Assert.Single(doomed.Take(population, 5).Groups);
        var results = GroupSensitiveEpisodes.Finish(group);
        foreach (var result in results.Take(2)) doomed.Send(population, result);
        Assert.Equal(2, Status(population).EpisodesDoneThisGeneration);

        Stop(doomed.Ref);
        var again = Assert.Single(survivor.Take(population, 5).Groups);

        Assert.Equal(group.Episodes.Select(a => a.Key), again.Episodes.Select(a => a.Key));
        // The recomputed results equal the persisted ones: nothing to report, and each episode counts once.
        EventFilter.Warning().Expect(0, () =>
        {
            foreach (var result in GroupSensitiveEpisodes.Finish(again)) survivor.Send(population, result);
            Assert.Equal(5, Status(population).EpisodesDoneThisGeneration);
        });
    }

    [Fact]
    public void Should_log_a_recomputed_result_that_differs_from_the_persisted_one_and_keep_the_persisted_one()
    {
        var population = Started(Grouped);
        var doomed = CreateTestProbe();
        var survivor = CreateTestProbe();
        var group = Assert.Single(doomed.Take(population, 5).Groups);
        var first = GroupSensitiveEpisodes.Finish(group)[0];
        doomed.Send(population, first);
        Assert.Equal(1, Status(population).EpisodesDoneThisGeneration);
        doomed.Send(population, ReleaseLeases.Instance);
        var again = Assert.Single(survivor.Take(population, 5).Groups);

        EventFilter.Warning(contains: $"recomputed as {first.Fitness / 2:R} (Completed), but {first.Fitness:R} (Completed) is persisted")
            .ExpectOne(() => survivor.Send(population, first with { Fitness = first.Fitness / 2 }));

        foreach (var result in GroupSensitiveEpisodes.Finish(again).Skip(1)) survivor.Send(population, result);
        var status = Status(population);
        Assert.Equal(5, status.EpisodesDoneThisGeneration);
        Assert.Equal(5, status.EpisodesCompleted);
    }

    [Fact]
    public void Should_refuse_a_run_whose_groups_would_not_fit_one_lease()
    {
        var population = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options with { MaxLeaseEpisodes = 4 }, []));

        population.Tell(TestRuns.Start(Grouped));

        Assert.Contains("the run's batch size 5 is more than one lease may hold (metaloss.max-lease-episodes = 4)", ExpectMsg<RunRejected>().Reason);
        Assert.False(Status(population).Started);
    }

    [Fact]
    public void Should_keep_the_journaled_batch_size_when_a_resume_names_none()
    {
        // A run journaled before batch sizes reads as groups of one (LegacyBatchSize).
        var legacy = Grouped with { BatchSize = RunSettings.LegacyBatchSize };
        Stop(Started(legacy));
        var resumed = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []));

        resumed.Tell(new StartRun(legacy with { BatchSize = RunSettings.DefaultBatchSize }, []) { Unstated = UnstatedSettings.BatchSize });

        ExpectMsg<RunAccepted>(accepted => accepted.Resumed);
        Assert.Single(CreateTestProbe().Take(resumed, 1).Episodes);
    }

    [Fact]
    public void Should_refuse_a_resume_that_asks_for_another_batch_size()
    {
        Stop(Started(Grouped));
        var resumed = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []));

        resumed.Tell(new StartRun(Grouped with { BatchSize = 8 }, []));

        Assert.Contains("batch size: journal has 5, asked for 8", ExpectMsg<RunRejected>().Reason);
    }

    [Fact]
    public void Should_refuse_to_resume_a_run_whose_groups_no_longer_fit_a_lease()
    {
        Stop(Started(Grouped));
        var resumed = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options with { MaxLeaseEpisodes = 4 }, []));

        resumed.Tell(new StartRun(Grouped, []) { Unstated = UnstatedSettings.BatchSize });

        Assert.Contains("metaloss.max-lease-episodes = 4", ExpectMsg<RunRejected>().Reason);
    }
}
