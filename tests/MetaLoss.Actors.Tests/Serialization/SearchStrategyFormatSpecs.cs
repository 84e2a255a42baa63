using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using static MetaLoss.Actors.Tests.Serialization.VersionFourFixtures;

namespace MetaLoss.Actors.Tests.Serialization;

/// <summary>The search strategy on the wire: journals from before strategies load as (mu+lambda) runs, and a CMA-ES state round-trips.</summary>
public sealed class SearchStrategyFormatSpecs() : Akka.TestKit.Xunit2.TestKit(SerializationConfig.Hocon)
{
    [Fact]
    public void A_run_journaled_before_strategies_loads_as_a_mu_plus_lambda_run()
    {
        var started = Assert.IsType<RunStarted>(Serializer.FromBinary(Convert.FromHexString(RunStartedV4), "RS4"));
        var registered = Assert.IsType<RunRegistered>(Serializer.FromBinary(Convert.FromHexString(RunRegisteredV1), "RGR1"));

        Assert.Equal(SearchStrategyName.MuPlusLambda, started.Settings.Strategy);
        Assert.Equal((4, 3), (started.Settings.BatchSize, started.Settings.Evolution.Parents));
        Assert.Equal(Samples.Run, started.Run);
        Assert.Equal(2, started.Settings.Data.Count);
        Assert.Equal(("fashion-baseline", Samples.Run, 2), (registered.Name, registered.Id, registered.Priority));
        DeepEquality.AssertEqual(started.Settings, registered.Settings);
        Assert.Empty(started.Settings.Differences(registered.Settings));
        Assert.Contains("strategy: journal has mu-plus-lambda, asked for cma-es",
            started.Settings.Differences(started.Settings with { Strategy = SearchStrategyName.CmaEs }));
    }

    [Fact]
    public void A_snapshot_taken_before_strategies_equals_replaying_its_events_through_the_strategy()
    {
        var started = (RunStarted)Serializer.FromBinary(Convert.FromHexString(RunStartedV4), "RS4");

        var snapshot = Assert.IsType<PopulationState>(Serializer.FromBinary(Convert.FromHexString(PopulationStateV4), "PS4"));

        // The old version advanced generation 0 by the journaled survivor indices; today the strategy is
        // told the fitness recomputed from the results: the same parents, bit for bit.
        var replayed = ReplaySampleRun(started);
        DeepEquality.AssertEqual(replayed, snapshot);
        Assert.Equal(1, snapshot.Generation);
        Assert.Equal(replayed.Population, snapshot.Population);
        DeepEquality.AssertEqual(Finish(replayed), Finish(snapshot));
    }

    [Fact]
    public void A_cma_es_snapshot_round_trips_and_carries_on_exactly_like_the_original()
    {
        var original = (PopulationState)Samples.All["PopulationState (cma-es, mid-generation)"];

        var restored = Assert.IsType<PopulationState>(Serializer.FromBinary(Serializer.ToBinary(original), "PS5"));

        var state = Assert.IsType<CmaEsState>(restored.Search);
        Assert.Equal(original.Search, state);
        Assert.Null(restored.Population);
        Assert.Equal(1, state.Generation);
        var (finishedOriginal, finishedRestored) = (Finish(original), Finish(restored));
        DeepEquality.AssertEqual(finishedOriginal, finishedRestored);
        Assert.Equal(2, finishedRestored.Generation);
    }

    [Fact]
    public void A_snapshot_with_an_unknown_search_state_is_a_clear_error()
    {
        var state = (PopulationState)Samples.All["PopulationState (cma-es, mid-generation)"];
        var bytes = Serializer.ToBinary(state);
        // A snapshot opens with "has settings", the settings, "has a state" and the state's tag. The
        // settings' length is a start's (RS5: settings, then 4 + 1 + 1 bytes for no phi, fit or run id).
        var settingsLength = Serializer.ToBinary(new RunStarted(state.Settings!, [])).Length - 6;
        var tag = 1 + settingsLength + 1;
        Assert.Equal(1, bytes[tag]);
        bytes[tag] = 7;

        var error = Assert.Throws<CorruptPayloadException>(() => Serializer.FromBinary(bytes, "PS5"));

        Assert.Contains("unknown search state tag 7", error.Message);
    }

    /// <summary>The events Samples plays on its run, up to its mid-generation snapshot.</summary>
    private static PopulationState ReplaySampleRun(RunStarted started)
    {
        var state = PopulationState.Empty.Apply(started);
        state = state.Apply(state.StartNextGeneration());
        state = state.PendingEpisodes().Select((key, i) => i == 3
                ? new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0, EpisodeOutcome.NonFiniteLoss)
                : new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.1 + 0.037 * i, EpisodeOutcome.Completed))
            .Aggregate(state, (s, e) => s.Apply(e));
        state = state.PendingEpisodes().Select((key, i) => new MetaValidationEpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.5 + 0.01 * i,
                i == 1 ? EpisodeOutcome.NonFiniteLoss : EpisodeOutcome.Completed))
            .Aggregate(state, (s, e) => s.Apply(e));
        state = state.Apply(state.CompleteValidation());
        state = state.Apply(state.CompleteGeneration());
        state = state.Apply(state.StartNextGeneration());
        var open = state.PendingEpisodes().ToList();
        state = state.Apply(new EpisodeCompleted(1, open[4].Candidate, open[4].Episode, 0.4375, EpisodeOutcome.Completed));
        return state.Apply(new EpisodeCompleted(1, open[0].Candidate, open[0].Episode, 0, EpisodeOutcome.ExplodedClassifier));
    }

    /// <summary>The open generation to its end, with results that depend only on the key.</summary>
    private static PopulationState Finish(PopulationState state)
    {
        state = state.PendingEpisodes().Aggregate(state, (s, key) =>
            s.Apply(new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.01 * key.Candidate + 0.001 * key.Episode, EpisodeOutcome.Completed)));
        state = state.PendingEpisodes().Aggregate(state, (s, key) =>
            s.Apply(new MetaValidationEpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.02 * key.Candidate, EpisodeOutcome.Completed)));
        if (state.ValidationDue) state = state.Apply(state.CompleteValidation());
        Assert.True(state.GenerationComplete);
        return state.Apply(state.CompleteGeneration());
    }

    private MetaLossSerializer Serializer =>
        Assert.IsType<MetaLossSerializer>(Sys.Serialization.FindSerializerForType(typeof(EpisodeCompleted)));
}
