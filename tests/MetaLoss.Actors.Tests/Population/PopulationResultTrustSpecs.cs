using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>
/// Forged, stray and corrupt results are dropped with a warning naming the sender: nothing reaches
/// the journal, and the evaluator that holds the lease still delivers its result.
/// </summary>
public sealed class PopulationResultTrustSpecs() : TestKit(SpecConfig.InMemory)
{
    private IActorRef Started(RunSettings settings, PopulationOptions? options = null)
    {
        var population = Sys.ActorOf(PopulationActor.Props("run", options ?? TestRuns.Options, []));
        population.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>();
        return population;
    }

    private IActorRef Started() => Started(TestRuns.Settings());

    /// <summary>Episode results in the journal; asking for the status first waits out any write in progress.</summary>
    private int JournaledResults(IActorRef population)
    {
        population.Tell(GetRunStatus.Instance);
        ExpectMsg<RunStatus>();
        var counter = Sys.ActorOf(Props.Create(() => new JournalEventCounter("run")));
        counter.Tell("count");
        var counts = ExpectMsg<Dictionary<string, int>>();
        Sys.Stop(counter);
        return counts.GetValueOrDefault(nameof(EpisodeCompleted)) + counts.GetValueOrDefault(nameof(MetaValidationEpisodeCompleted));
    }

    /// <summary>Sends a result and expects the population to log it as dropped, naming the sender.</summary>
    private void SendDropped(IActorRef sender, IActorRef population, EpisodeFinished result) =>
        EventFilter.Warning(contains: $"from {sender.Path}").ExpectOne(() => population.Tell(result, sender));

    [Fact]
    public void Should_drop_a_result_from_an_evaluator_that_does_not_hold_the_lease()
    {
        var population = Started();
        var holder = CreateTestProbe();
        var forger = CreateTestProbe();
        var assignment = holder.Take(population, 1).Episodes[0];

        SendDropped(forger.Ref, population, TestRuns.Finish(assignment) with { Fitness = 1 });

        Assert.Equal(0, JournaledResults(population));
        holder.Send(population, TestRuns.Finish(assignment));
        Assert.Equal(1, JournaledResults(population));
    }

    [Fact]
    public void Should_drop_a_forged_result_from_a_test_actor()
    {
        var population = Started();
        var holder = CreateTestProbe();
        var assignment = holder.Take(population, 1).Episodes[0];

        // The kit's own test actor never asked for work.
        SendDropped(TestActor, population, new EpisodeFinished(assignment.Key, 1, EpisodeOutcome.Completed));

        Assert.Equal(0, JournaledResults(population));
        holder.Send(population, TestRuns.Finish(assignment));
        Assert.Equal(1, JournaledResults(population));
    }

    [Fact]
    public void Should_drop_a_result_for_an_episode_nobody_holds()
    {
        var population = Started();
        var forger = CreateTestProbe();
        var worker = CreateTestProbe();

        SendDropped(forger.Ref, population, new EpisodeFinished(new EpisodeKey(0, 0, 0), 1, EpisodeOutcome.Completed));

        Assert.Equal(0, JournaledResults(population));
        // Still pending: the first request gets it, and its result counts.
        var assignment = worker.Take(population, 1).Episodes[0];
        Assert.Equal(new EpisodeKey(0, 0, 0), assignment.Key);
        worker.Send(population, TestRuns.Finish(assignment));
        Assert.Equal(1, JournaledResults(population));
    }

    [Fact]
    public void Should_journal_a_groups_results_from_one_message_and_then_lease_another_group()
    {
        var population = Started(TestRuns.Settings(batchSize: 2));
        var holder = CreateTestProbe();
        var group = Assert.Single(holder.Take(population, 2).Groups).Episodes;
        Assert.Equal(2, group.Count);

        holder.Send(population, new GroupFinished([.. group.Select(TestRuns.Finish)]));

        Assert.Equal(2, JournaledResults(population));
        // The group's lease ended with its results: the next request gets the other group.
        var next = holder.Take(population, 2).Episodes;
        Assert.Empty(next.Select(e => e.Key).Intersect(group.Select(e => e.Key)));
    }

    [Fact]
    public void Should_check_each_result_of_a_group_on_its_own()
    {
        var population = Started(TestRuns.Settings(batchSize: 2));
        var holder = CreateTestProbe();
        var group = Assert.Single(holder.Take(population, 2).Groups).Episodes;
        var good = TestRuns.Finish(group[0]);
        // The same result twice, an impossible score, and an episode of a group it does not hold.
        var other = group.Any(e => e.Key.Candidate == 3) ? 0 : 3;
        GroupFinished mixed = new([good, good, TestRuns.Finish(group[1]) with { Fitness = 7 }, new EpisodeFinished(new EpisodeKey(0, other, 0), 1, EpisodeOutcome.Completed)]);

        EventFilter.Warning(contains: $"from {holder.Ref.Path}").Expect(3, () => population.Tell(mixed, holder.Ref));

        Assert.Equal(1, JournaledResults(population));
        holder.Send(population, TestRuns.Finish(group[1]));
        Assert.Equal(2, JournaledResults(population));
    }

    public static TheoryData<double, EpisodeOutcome> ImpossibleValues => new()
    {
        { double.NaN, EpisodeOutcome.Completed },
        { 7, EpisodeOutcome.Completed },
        { -1, EpisodeOutcome.Completed },
        { double.PositiveInfinity, EpisodeOutcome.Completed },
        { 1.0000001, EpisodeOutcome.Completed },
        { 0.5, EpisodeOutcome.NonFiniteLoss },
        { 0.5, (EpisodeOutcome)42 },
    };

    [Theory]
    [MemberData(nameof(ImpossibleValues))]
    public void Should_drop_a_result_with_values_no_episode_produces_and_keep_the_lease(double fitness, EpisodeOutcome outcome)
    {
        var population = Started();
        var holder = CreateTestProbe();
        var waiting = CreateTestProbe();
        var assignment = holder.Take(population, 4).Episodes[0];

        SendDropped(holder.Ref, population, new EpisodeFinished(assignment.Key, fitness, outcome));

        Assert.Equal(0, JournaledResults(population));
        // The lease stands (the bad result may be forged in the holder's name): nobody else gets the episode.
        waiting.Send(population, new RequestWork(4));
        waiting.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        holder.Send(population, TestRuns.Finish(assignment));
        Assert.Equal(1, JournaledResults(population));
    }

    [Fact]
    public void Should_keep_a_forged_meta_validation_score_from_becoming_the_runs_best()
    {
        var settings = TestRuns.ValidatedSettings(parents: 2, episodes: 1, generations: 1, validationEpisodes: 1, top: 1);
        var population = Started(settings);
        var holder = CreateTestProbe();
        var forger = CreateTestProbe();
        holder.Complete(population, settings.EpisodesPerGeneration);
        var validation = Assert.Single(holder.Take(population, 4).Episodes);
        Assert.True(validation.Key.MetaValidation);

        SendDropped(forger.Ref, population, new EpisodeFinished(validation.Key, 1, EpisodeOutcome.Completed));
        holder.Send(population, TestRuns.Finish(validation));

        population.Tell(GetRunStatus.Instance);
        var status = ExpectMsg<RunStatus>();
        Assert.True(status.Finished);
        Assert.Equal(TestRuns.Finish(validation).Fitness, status.BestValidated!.Score);
        Assert.Equal(settings.EpisodesPerGeneration + 1, JournaledResults(population));
    }

    [Fact]
    public void Should_lease_no_more_than_the_configured_episodes_and_at_least_one()
    {
        var population = Started(TestRuns.Settings(parents: 4), TestRuns.Options with { MaxLeaseEpisodes = 3 });
        var evaluator = CreateTestProbe();

        Assert.Equal(3, evaluator.Take(population, 512).Episodes.Count);
        Assert.Single(evaluator.Take(population, 0).Episodes);
        Assert.Single(evaluator.Take(population, -5).Episodes);
        Assert.Equal(2, evaluator.Take(population, 2).Episodes.Count);
    }
}
