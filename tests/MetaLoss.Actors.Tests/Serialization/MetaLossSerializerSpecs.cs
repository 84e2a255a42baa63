using System.Runtime.Serialization;
using Akka.Serialization;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Tests.Serialization;

public sealed class MetaLossSerializerSpecs() : Akka.TestKit.Xunit2.TestKit(SerializationConfig.Hocon)
{
    // Pinned: journals written today must load tomorrow, so a manifest never changes meaning.
    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(RunStarted)] = "RS1",
        [typeof(GenerationStarted)] = "GS1",
        [typeof(EpisodeCompleted)] = "EC1",
        [typeof(GenerationCompleted)] = "GC1",
        [typeof(PopulationState)] = "PS1",
        [typeof(StartRun)] = "SR1",
        [typeof(RunAccepted)] = "RA1",
        [typeof(RunRejected)] = "RR1",
        [typeof(GetRunStatus)] = "GRS1",
        [typeof(RunStatus)] = "ST1",
        [typeof(SubscribeProgress)] = "SP1",
        [typeof(RequestWork)] = "RW1",
        [typeof(WorkLease)] = "WL1",
        [typeof(NoWorkAvailable)] = "NW1",
        [typeof(EpisodeFinished)] = "EF1",
        [typeof(ReleaseLeases)] = "RL1",
        [typeof(GetEvaluators)] = "GEV1",
        [typeof(EvaluatorsByNode)] = "EBN1",
        [typeof(GetClusterStatus)] = "GCS1",
        [typeof(ClusterStatus)] = "CS1",
    };

    public static TheoryData<string> Names => Samples.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Round_trips_through_the_actor_systems_serialization(string name)
    {
        var sample = Samples.All[name];

        var serializer = Assert.IsType<MetaLossSerializer>(Sys.Serialization.FindSerializerFor(sample));
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, sample);
        var bytes = serializer.ToBinary(sample);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(Manifests[sample.GetType()], manifest);
        DeepEquality.AssertEqual(sample, back);
    }

    [Fact]
    public void Every_message_event_and_the_snapshot_has_a_sample()
    {
        var bound = typeof(IPopulationMessage).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } &&
                        (typeof(IPopulationMessage).IsAssignableFrom(t) || typeof(IPopulationEvent).IsAssignableFrom(t)))
            .Append(typeof(PopulationState))
            .ToHashSet();
        var sampled = Samples.All.Values.Select(s => s.GetType()).ToHashSet();

        Assert.Empty(bound.Except(sampled).Select(t => t.Name));
        Assert.Equal(bound.OrderBy(t => t.Name), Manifests.Keys.OrderBy(t => t.Name));
    }

    [Fact]
    public void A_restored_snapshot_carries_on_exactly_like_the_original()
    {
        var original = (PopulationState)Samples.All["PopulationState (mid-generation)"];
        var restored = (PopulationState)Serializer.FromBinary(Serializer.ToBinary(original), "PS1");

        DeepEquality.AssertEqual(Finish(original), Finish(restored));

        static PopulationState Finish(PopulationState state)
        {
            state = state.PendingEpisodes().Aggregate(state, (s, key) =>
                s.Apply(new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.01 * key.Candidate, EpisodeOutcome.Completed)));
            return state.Apply(state.CompleteGeneration());
        }
    }

    [Fact]
    public void An_event_written_in_format_1_still_reads()
    {
        // EpisodeCompleted(2, 5, 1, 0.75, Completed): longs and ints little-endian, then the outcome by name.
        var bytes = Convert.FromHexString(
            "0200000000000000" + "05000000" + "01000000" + "000000000000E83F" + "09" + "436F6D706C65746564");
        var expected = new EpisodeCompleted(2, 5, 1, 0.75, EpisodeOutcome.Completed);

        Assert.Equal(bytes, Serializer.ToBinary(expected));
        Assert.Equal(expected, Serializer.FromBinary(bytes, "EC1"));
    }

    [Fact]
    public void An_unknown_manifest_is_a_clear_error()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary([1, 2, 3], "XQ9"));

        Assert.Contains("'XQ9'", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(+1)]
    public void A_truncated_or_padded_payload_is_a_clear_error(int change)
    {
        var bytes = Serializer.ToBinary(Samples.All["RunStarted"]);
        byte[] corrupt = change < 0 ? bytes[..^1] : [.. bytes, 0];

        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(corrupt, "RS1"));

        Assert.Contains("'RS1'", error.Message);
    }

    private MetaLossSerializer Serializer =>
        Assert.IsType<MetaLossSerializer>(Sys.Serialization.FindSerializerForType(typeof(EpisodeCompleted)));
}
