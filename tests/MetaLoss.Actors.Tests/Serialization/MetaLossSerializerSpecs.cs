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
        [typeof(RunStarted)] = "RS5",
        [typeof(GenerationStarted)] = "GS1",
        [typeof(EpisodeCompleted)] = "EC1",
        [typeof(MetaValidationEpisodeCompleted)] = "VE1",
        [typeof(CandidatesValidated)] = "CV1",
        [typeof(GenerationCompleted)] = "GC1",
        [typeof(RunExtended)] = "RX1",
        [typeof(PopulationState)] = "PS5",
        [typeof(StartRun)] = "SR6",
        [typeof(RunAccepted)] = "RA2",
        [typeof(RunRejected)] = "RR1",
        [typeof(GetRunStatus)] = "GRS1",
        [typeof(RunStatus)] = "ST2",
        [typeof(SubscribeProgress)] = "SP1",
        [typeof(ProgressUpdate)] = "PU1",
        [typeof(RequestWork)] = "RW1",
        [typeof(WorkLease)] = "WL4",
        [typeof(NoWorkAvailable)] = "NW1",
        [typeof(EpisodeFinished)] = "EF2",
        [typeof(GroupFinished)] = "GF1",
        [typeof(ReleaseLeases)] = "RL1",
        [typeof(GetEvaluators)] = "GEV1",
        [typeof(EvaluatorsByNode)] = "EBN1",
        [typeof(GetClusterStatus)] = "GCS1",
        [typeof(ClusterStatus)] = "CS1",
        [typeof(EvaluatorsFailed)] = "EVF1",
        [typeof(JournalFault)] = "JF1",
        [typeof(RunSubmitted)] = "RGS1",
        [typeof(RunRegistered)] = "RGR2",
        [typeof(RunRefused)] = "RGF1",
        [typeof(RunLifecycleChanged)] = "RGL1",
        [typeof(RunGenerationsRaised)] = "RGX1",
        [typeof(RunInfo)] = "RI2",
        [typeof(SubmitRun)] = "SUB2",
        [typeof(RunExists)] = "SUBE2",
        [typeof(SubmitRefused)] = "SUBR1",
        [typeof(RunPreparing)] = "SUBP1",
        [typeof(ListRuns)] = "LR1",
        [typeof(RunList)] = "RLS2",
        [typeof(GetRunDetail)] = "GRD1",
        [typeof(RunDetail)] = "RD3",
        [typeof(RunNotFound)] = "RNF1",
        [typeof(ChangeRun)] = "CR1",
        [typeof(ChangeRefused)] = "CRR1",
        [typeof(GetBestMln)] = "GBM1",
        [typeof(BestMln)] = "BM2",
        [typeof(SubscribeService)] = "SSV1",
        [typeof(RunGenerationCompleted)] = "RGC1",
        [typeof(RunStateChanged)] = "RSC2",
        [typeof(NodeChanged)] = "NC1",
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
                        (typeof(IPopulationMessage).IsAssignableFrom(t) || typeof(IPopulationEvent).IsAssignableFrom(t) ||
                         typeof(IServiceMessage).IsAssignableFrom(t) || typeof(IRegistryEvent).IsAssignableFrom(t)))
            .Append(typeof(PopulationState))
            .ToHashSet();
        var sampled = Samples.All.Values.Select(s => s.GetType()).ToHashSet();

        Assert.Empty(bound.Except(sampled).Select(t => t.Name));
        Assert.Equal(bound.OrderBy(t => t.Name), Manifests.Keys.OrderBy(t => t.Name));
    }

    [Fact]
    public void A_restored_snapshot_carries_on_exactly_like_the_original()
    {
        foreach (var name in new[] { "PopulationState (mid-generation)", "PopulationState (validating)" })
        {
            var original = (PopulationState)Samples.All[name];
            var restored = (PopulationState)Serializer.FromBinary(Serializer.ToBinary(original), "PS5");

            DeepEquality.AssertEqual(Finish(original), Finish(restored));
        }

        static PopulationState Finish(PopulationState state)
        {
            state = state.PendingEpisodes().Aggregate(state, (s, key) =>
                s.Apply(new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.01 * key.Candidate, EpisodeOutcome.Completed)));
            state = state.PendingEpisodes().Aggregate(state, (s, key) =>
                s.Apply(new MetaValidationEpisodeCompleted(key.Generation, key.Candidate, key.Episode, 0.02 * key.Candidate, EpisodeOutcome.Completed)));
            if (state.ValidationDue) state = state.Apply(state.CompleteValidation());
            Assert.True(state.GenerationComplete);
            return state.Apply(state.CompleteGeneration());
        }
    }

    // Written by the version before meta-validation: a RunStarted (RS1) and the snapshot right after it (PS1).
    private const string RunStartedV1 =
        "157C4A7FB979379E04000000010000000AD7A33CACC527370000803F01000000000000D03F000100000001000000010000001146617368696F6E4D6E6973745472" +
        "61696E000000000000000000000000000000000005000000280000001000000008000000030000009A9999999999C93F0103000000000000000300000007000000" +
        "010106436F73696E65000000000000D03F02000000010652616E646F6D0E0000005FB964BF9A27923E0000000018427D3E00000000A7FAD73E0000000001A885BF" +
        "00000000503115B9272B7EBD0000000056E93D3F0000000001000000000000E03F000000000000F43F";

    [Fact]
    public void A_run_journaled_before_meta_validation_still_loads_and_has_none()
    {
        var started = Assert.IsType<RunStarted>(Serializer.FromBinary(Convert.FromHexString(RunStartedV1), "RS1"));

        Assert.Equal(MetaValidation.None, started.Settings.MetaValidation);
        Assert.Equal(Training.Data.DatasetName.FashionMnistTrain, started.Settings.Template.Dataset);
        Assert.Equal((1, 2, MlnInit.Random), (started.Settings.Evolution.Parents, started.Settings.EpisodesPerCandidate, started.Settings.Init));
        Assert.Equal(new InitialFit(0.5, 1.25), started.Fit);
        Assert.Equal(14, started.InitialPhi.Length);

        // Its snapshot loads too, and its state runs as before: the best parent is the run's best.
        var state = PopulationState.Empty.Apply(started);
        var snapshot = Assert.IsType<PopulationState>(Serializer.FromBinary(Convert.FromHexString(PopulationStateV1), "PS1"));
        DeepEquality.AssertEqual(state, snapshot);
        Assert.Empty(snapshot.Validated);
        Assert.Null(snapshot.ToStatus().BestValidated);
    }

    private const string PopulationStateV1 =
        "01157C4A7FB979379E04000000010000000AD7A33CACC527370000803F01000000000000D03F000100000001000000010000001146617368696F6E4D6E69737454" +
        "7261696E000000000000000000000000000000000005000000280000001000000008000000030000009A9999999999C93F0103000000000000000300000007000000" +
        "010106436F73696E65000000000000D03F02000000010652616E646F6D010000000000000000010000000E0000005FB964BF9A27923E0000000018427D3E000000" +
        "00A7FAD73E0000000001A885BF00000000503115B9272B7EBD0000000056E93D3F000000000E0000000AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C" +
        "0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0000000000000000000000000000000000";

    // Written by the version before run ids and dataset fingerprints: the run above with meta-validation (RS2, PS2).
    private const string RunStartedV2 =
        "157C4A7FB979379E04000000010000000AD7A33CACC527370000803F01000000000000D03F000100000001000000010000001546617368696F6E4D6E6973744D" +
        "657461547261696E000000000000000000000000000000000005000000280000001000000008000000030000009A9999999999C93F0103000000000000000300" +
        "000007000000010106436F73696E65000000000000D03F02000000010652616E646F6D1A46617368696F6E4D6E6973744D65746156616C69646174696F6E0200" +
        "0000010000000E0000005FB964BF9A27923E0000000018427D3E00000000A7FAD73E0000000001A885BF00000000503115B9272B7EBD0000000056E93D3F0000" +
        "000001000000000000E03F000000000000F43F";

    private const string PopulationStateV2 =
        "01157C4A7FB979379E04000000010000000AD7A33CACC527370000803F01000000000000D03F000100000001000000010000001546617368696F6E4D6E697374" +
        "4D657461547261696E000000000000000000000000000000000005000000280000001000000008000000030000009A9999999999C93F01030000000000000003" +
        "00000007000000010106436F73696E65000000000000D03F02000000010652616E646F6D1A46617368696F6E4D6E6973744D65746156616C69646174696F6E02" +
        "00000001000000010000000000000000010000000E0000005FB964BF9A27923E0000000018427D3E00000000A7FAD73E0000000001A885BF00000000503115B9" +
        "272B7EBD0000000056E93D3F000000000E0000000AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C" +
        "0AD7A33C0AD7A33C0AD7A33C00000000000000000000000000000000000000000000000000";

    [Fact]
    public void A_run_journaled_before_run_ids_and_fingerprints_still_loads_as_a_legacy_run()
    {
        var started = Assert.IsType<RunStarted>(Serializer.FromBinary(Convert.FromHexString(RunStartedV2), "RS2"));

        Assert.Null(started.Run);
        Assert.Empty(started.Settings.Data);
        Assert.Equal(new MetaValidation(Training.Data.DatasetName.FashionMnistMetaValidation, 2, 1), started.Settings.MetaValidation);
        Assert.Equal(14, started.InitialPhi.Length);

        var snapshot = Assert.IsType<PopulationState>(Serializer.FromBinary(Convert.FromHexString(PopulationStateV2), "PS2"));
        DeepEquality.AssertEqual(PopulationState.Empty.Apply(started), snapshot);
        // Without fingerprints in the journal, a resume's data is not checked.
        Assert.Empty(snapshot.Settings!.Differences(snapshot.Settings with { Data = Samples.Settings.Data }));
    }

    // Written by the version before batch sizes: a run with a run id, fingerprints and meta-validation (RS3, PS3).
    private const string RunStartedV3 =
        "157C4A7FB979379E02000000010000000AD7A33CACC527370000803F01000000000000D03F000400000003000000020000001546617368696F6E4D6E6973744D" +
        "657461547261696E000000000000000000000000000000000005000000280000001000000008000000030000009A9999999999C93F0103000000000000000300" +
        "000007000000010106436F73696E65000000000000D03F02000000010652616E646F6D1A46617368696F6E4D6E6973744D65746156616C69646174696F6E0200" +
        "000001000000020000001546617368696F6E4D6E6973744D657461547261696E4030663565346231643963336132376538366234316430633961326633376535" +
        "3863316236643461303965326637336338356231613664306534633966326237331A46617368696F6E4D6E6973744D65746156616C69646174696F6E40613363" +
        "31653935623764323066343665386231396335643361376630326536346238643163396135653366373062323664346338613165396635623364303732240000" +
        "0070ADC5BE88559ABF44413FBF2E3D89BE91D7A83D93A2F6BDACA5993CF6FAF13E00000000000000000000000000000000D166473F4C9375BDF5FC00BF4FEF09" +
        "3F000000008C87D73E14C9593F02FAE9BF0000000000000000000000003E78873FACE7D63DE92BD73D00000000FB7F41BF06BA2ABFF9DD8ABF206572BF000000" +
        "0000000000616E06BF32B384BD0000000001000000000000E03F000000000000F43F010C336639613063326237653431";

    private const string PopulationStateV3 =
        "01157C4A7FB979379E02000000010000000AD7A33CACC527370000803F01000000000000D03F000400000003000000020000001546617368696F6E4D6E697374" +
        "4D657461547261696E000000000000000000000000000000000005000000280000001000000008000000030000009A9999999999C93F01030000000000000003" +
        "00000007000000010106436F73696E65000000000000D03F02000000010652616E646F6D1A46617368696F6E4D6E6973744D65746156616C69646174696F6E02" +
        "00000001000000020000001546617368696F6E4D6E6973744D657461547261696E40306635653462316439633361323765383662343164306339613266333765" +
        "353863316236643461303965326637336338356231613664306534633966326237331A46617368696F6E4D6E6973744D65746156616C69646174696F6E406133" +
        "63316539356237643230663436653862313963356433613766303265363462386431633961356533663730623236643463386131653966356233643037320100" +
        "00000000000000010000002400000070ADC5BE88559ABF44413FBF2E3D89BE91D7A83D93A2F6BDACA5993CF6FAF13E00000000000000000000000000000000D1" +
        "66473F4C9375BDF5FC00BF4FEF093F000000008C87D73E14C9593F02FAE9BF0000000000000000000000003E78873FACE7D63DE92BD73D00000000FB7F41BF06" +
        "BA2ABFF9DD8ABF206572BF0000000000000000616E06BF32B384BD00000000240000000AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0A" +
        "D7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0A" +
        "D7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C0AD7A33C00000000000000000000000000" +
        "000000000000000000000000";

    [Fact]
    public void A_run_journaled_before_batch_sizes_still_loads_and_computes_groups_of_one()
    {
        var started = Assert.IsType<RunStarted>(Serializer.FromBinary(Convert.FromHexString(RunStartedV3), "RS3"));

        // Its batches computed each member as if alone: what a group of one does, so a resume changes nothing.
        Assert.Equal(RunSettings.LegacyBatchSize, started.Settings.BatchSize);
        Assert.Equal(Samples.Run, started.Run);
        Assert.Equal(Samples.Settings.Data, started.Settings.Data);
        Assert.Equal(new MetaValidation(Training.Data.DatasetName.FashionMnistMetaValidation, 2, 1), started.Settings.MetaValidation);
        Assert.Equal((1, 2), (started.Settings.Evolution.Parents, started.Settings.Generations));

        var snapshot = Assert.IsType<PopulationState>(Serializer.FromBinary(Convert.FromHexString(PopulationStateV3), "PS3"));
        DeepEquality.AssertEqual(PopulationState.Empty.Apply(started), snapshot);
        var generation = snapshot.Apply(snapshot.StartNextGeneration());
        Assert.All(generation.PlannedGroups(), group => Assert.Single(group.Episodes));
    }

    [Fact]
    public void Runs_journaled_before_run_ids_or_meta_validation_compute_groups_of_one()
    {
        Assert.Equal(RunSettings.LegacyBatchSize, ((RunStarted)Serializer.FromBinary(Convert.FromHexString(RunStartedV2), "RS2")).Settings.BatchSize);
        Assert.Equal(RunSettings.LegacyBatchSize, ((RunStarted)Serializer.FromBinary(Convert.FromHexString(RunStartedV1), "RS1")).Settings.BatchSize);
        Assert.Equal(RunSettings.LegacyBatchSize, ((PopulationState)Serializer.FromBinary(Convert.FromHexString(PopulationStateV2), "PS2")).Settings!.BatchSize);
    }

    [Fact]
    public void A_batch_size_survives_the_journal()
    {
        var started = (RunStarted)Samples.All["RunStarted"];
        var back = Assert.IsType<RunStarted>(Serializer.FromBinary(Serializer.ToBinary(started with { Settings = started.Settings with { BatchSize = 17 } }), "RS5"));

        Assert.Equal(17, back.Settings.BatchSize);
    }

    [Fact]
    public void A_run_id_and_fingerprints_survive_the_journal()
    {
        var started = (RunStarted)Samples.All["RunStarted"];
        var back = Assert.IsType<RunStarted>(Serializer.FromBinary(Serializer.ToBinary(started), "RS5"));

        Assert.Equal(started.Run, back.Run);
        Assert.Equal(started.Settings.Data, back.Settings.Data);
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

        var error = Assert.Throws<CorruptPayloadException>(() => Serializer.FromBinary(corrupt, "RS5"));

        Assert.Contains("'RS5'", error.Message);
        Assert.Equal(typeof(RunStarted), error.PayloadType);
    }

    [Fact]
    public void A_run_extended_to_no_generations_is_a_clear_error()
    {
        var error = Assert.Throws<CorruptPayloadException>(() => Serializer.FromBinary(BitConverter.GetBytes(0), "RX1"));

        Assert.Contains("a run extended to 0 generations", error.Message);
        Assert.Equal(typeof(RunExtended), error.PayloadType);
    }

    [Fact]
    public void An_unstated_setting_no_version_defines_is_a_clear_error()
    {
        var bytes = Serializer.ToBinary(Samples.All["StartRun (keeps every journaled default)"]);
        // The unstated settings are the payload's last four bytes: set a bit beyond the known ones.
        byte[] corrupt = [.. bytes[..^4], .. BitConverter.GetBytes((1 << 25) | 1)];

        var error = Assert.Throws<CorruptPayloadException>(() => Serializer.FromBinary(corrupt, "SR6"));

        Assert.Contains("33554433 is not a set of unstated settings", error.Message);
    }

    [Fact]
    public void A_loss_parameter_out_of_range_on_the_wire_is_a_clear_error()
    {
        var lease = (WorkLease)Samples.All["WorkLease (every loss kind)"];
        var focal = lease.Groups[0].Episodes.Single(e => e.Spec.Loss is Training.Models.LossSpec.Focal);
        var bytes = Serializer.ToBinary(lease with { Groups = [new EpisodeGroup([focal with { Spec = focal.Spec with { Loss = new Training.Models.LossSpec.Focal(1234.5) } }])] });
        // The focal tag (5), then gamma as a little-endian double: make it -1.
        var gamma = Convert.ToHexString([5, .. BitConverter.GetBytes(1234.5)]);
        var corrupt = Convert.FromHexString(Convert.ToHexString(bytes).Replace(gamma, Convert.ToHexString([5, .. BitConverter.GetBytes(-1.0)])));
        Assert.NotEqual(bytes, corrupt);

        var error = Assert.Throws<CorruptPayloadException>(() => Serializer.FromBinary(corrupt, "WL4"));

        Assert.Contains("focal loss's gamma must be a number of at least 0, got -1", error.Message);
    }

    private MetaLossSerializer Serializer =>
        Assert.IsType<MetaLossSerializer>(Sys.Serialization.FindSerializerForType(typeof(EpisodeCompleted)));
}
