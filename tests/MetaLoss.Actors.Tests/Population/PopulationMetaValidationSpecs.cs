using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>The population actor runs, persists and recovers the meta-validation phase of each generation.</summary>
public sealed class PopulationMetaValidationSpecs() : TestKit(SpecConfig.InMemory)
{
    private static readonly RunSettings Settings = TestRuns.ValidatedSettings(parents: 3, episodes: 2, generations: 3, validationEpisodes: 2, top: 2);

    private IActorRef Population(string id = "run") => Sys.ActorOf(PopulationActor.Props(id, TestRuns.Options, []));

    private IActorRef Started(string id = "run")
    {
        var population = Population(id);
        population.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>();
        return population;
    }

    private RunStatus Status(IActorRef population)
    {
        population.Tell(GetRunStatus.Instance);
        return ExpectMsg<RunStatus>();
    }

    /// <summary>Takes and reports whatever is runnable until the run finishes.</summary>
    private RunStatus RunToEnd(IActorRef population, TestProbe evaluator)
    {
        while (!Status(population).Finished) evaluator.Complete(population, 100);
        return Status(population);
    }

    [Fact]
    public void Should_make_the_best_meta_validated_candidate_the_runs_best_and_journal_every_step()
    {
        var population = Started();
        var status = RunToEnd(population, CreateTestProbe());

        Assert.NotNull(status.BestValidated);
        Assert.Equal(status.BestValidated.Genome, status.Best);
        Assert.All(status.History, h => Assert.NotNull(h.BestValidationScore));
        Assert.Equal(status.BestValidated.Score, status.History[^1].BestValidationScore);

        var counter = Sys.ActorOf(Props.Create(() => new JournalEventCounter("run")));
        counter.Tell("count");
        var counts = ExpectMsg<Dictionary<string, int>>();
        Assert.Equal(3 * Settings.EpisodesPerGeneration, counts["EpisodeCompleted"]);
        // Generation 0 always validates its top two; later ones only candidates not scored before.
        Assert.InRange(counts["CandidatesValidated"], 1, 3);
        Assert.InRange(counts["MetaValidationEpisodeCompleted"], 4, 12);
        Assert.Equal(0, counts["MetaValidationEpisodeCompleted"] % 2);
        Assert.Equal(3, counts["GenerationCompleted"]);
    }

    [Fact]
    public void Should_hand_meta_validation_episodes_to_a_waiting_evaluator_when_training_ends()
    {
        var population = Started();
        var trainer = CreateTestProbe();
        var waiting = CreateTestProbe();
        var training = trainer.Take(population, Settings.EpisodesPerGeneration).Episodes;
        waiting.Send(population, new RequestWork(10));
        waiting.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        foreach (var assignment in training) trainer.Send(population, TestRuns.Finish(assignment));

        var lease = waiting.ExpectMsg<WorkLease>();
        Assert.Equal(4, lease.Episodes.Count);
        Assert.All(lease.Episodes, a => Assert.True(a.Key.MetaValidation));
        Assert.Equal(0, Status(population).Generation);
    }

    [Fact]
    public void Should_finish_a_run_stopped_mid_validation_like_an_uninterrupted_one()
    {
        var evaluator = CreateTestProbe();
        var expected = RunToEnd(Started("uninterrupted"), evaluator);

        var population = Started();
        evaluator.Complete(population, Settings.EpisodesPerGeneration);
        evaluator.Complete(population, 3);
        Assert.Equal(Settings.EpisodesPerGeneration + 3, Status(population).EpisodesDoneThisGeneration);
        Watch(population);
        Sys.Stop(population);
        ExpectTerminated(population);

        var resumed = Population();
        Assert.Equal(Settings.EpisodesPerGeneration + 3, Status(resumed).EpisodesDoneThisGeneration);
        RunAssert.SameRun(expected, RunToEnd(resumed, evaluator));
    }
}
