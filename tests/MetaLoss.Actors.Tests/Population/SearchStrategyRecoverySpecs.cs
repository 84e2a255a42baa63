using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Either strategy's state, rebuilt from the journal or a snapshot, equals the state of a run that was never stopped.</summary>
public sealed class SearchStrategyRecoverySpecs() : TestKit(SpecConfig.InMemory)
{
    private static readonly PopulationOptions Snapshotting = TestRuns.Options with { SnapshotEveryGenerations = 1 };

    private static RunSettings Settings(SearchStrategyName strategy) =>
        TestRuns.ValidatedSettings(parents: 3, episodes: 2, generations: 4) with { Strategy = strategy };

    public static TheoryData<SearchStrategyName, bool> Cases => new()
    {
        { SearchStrategyName.MuPlusLambda, false },
        { SearchStrategyName.MuPlusLambda, true },
        { SearchStrategyName.CmaEs, false },
        { SearchStrategyName.CmaEs, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_finish_a_run_stopped_mid_generation_like_one_never_stopped(SearchStrategyName strategy, bool snapshots)
    {
        var settings = Settings(strategy);
        var options = snapshots ? Snapshotting : TestRuns.Options;
        var evaluator = CreateTestProbe();
        var uninterrupted = Population("uninterrupted", options);
        Start(uninterrupted, settings);
        while (!Status(uninterrupted).Finished) evaluator.Complete(uninterrupted, 5);

        var interrupted = Population("interrupted", options);
        Start(interrupted, settings);
        for (var i = 0; i < 7; i++) evaluator.Complete(interrupted, 5);
        Assert.Equal(1, Status(interrupted).Generation);
        Stop(interrupted);
        var resumed = Population("interrupted", options);
        while (!Status(resumed).Finished) evaluator.Complete(resumed, 5);

        RunAssert.SameRun(Status(uninterrupted), Status(resumed));
        var (expected, actual) = (Replayed("uninterrupted"), Replayed("interrupted"));
        Assert.Equal(settings.Generations, actual.Generation);
        Assert.Equal(expected.Search, actual.Search);
        Assert.Equal(strategy == SearchStrategyName.CmaEs, actual.Search is CmaEsState);
        Assert.Equal(expected.Validated, actual.Validated);
    }

    [Fact]
    public void Should_show_the_cma_es_mean_as_the_best_MLN_before_meta_validation_scores_one()
    {
        var settings = Settings(SearchStrategyName.CmaEs) with { MetaValidation = MetaValidation.None };
        var population = Population("cma", TestRuns.Options);
        Start(population, settings);
        var evaluator = CreateTestProbe();
        evaluator.Complete(population, settings.EpisodesPerGeneration);

        var status = Status(population);

        Assert.Equal(1, status.Generation);
        Assert.Null(status.BestValidated);
        var asked = evaluator.Take(population, 1).Episodes[0];
        Assert.Equal(0, asked.Key.Candidate);
        Assert.Equal(status.Best!.Phi, ((Training.Models.LossSpec.MetaLoss)asked.Spec.Loss).Phi);
    }

    private IActorRef Population(string id, PopulationOptions options) => Sys.ActorOf(PopulationActor.Props(id, options, []));

    private void Start(IActorRef population, RunSettings settings)
    {
        population.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>();
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

    /// <summary>The state the population's journal builds, replayed from its first event.</summary>
    private PopulationState Replayed(string id)
    {
        Sys.ActorOf(Props.Create(() => new JournalReplay(id))).Tell("state");
        return ExpectMsg<PopulationState>();
    }
}
