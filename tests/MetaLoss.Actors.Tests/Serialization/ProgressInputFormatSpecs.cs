using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Serialization;

/// <summary>
/// The MLN's progress input on the wire: version-5 settings carry it, older settings read as off
/// (the RS4/PS4/RGR1 fixtures of <see cref="TaskDistributionFormatSpecs"/> deep-equal samples without it),
/// and an MLN loss without it keeps its first tag and bytes.
/// </summary>
public sealed class ProgressInputFormatSpecs() : Akka.TestKit.Xunit2.TestKit(SerializationConfig.Hocon)
{
    private MetaLossSerializer Serializer =>
        Assert.IsType<MetaLossSerializer>(Sys.Serialization.FindSerializerForType(typeof(EpisodeCompleted)));

    [Fact]
    public void The_progress_input_survives_the_journal_the_snapshot_the_registry_and_a_start()
    {
        var started = (RunStarted)Samples.All["RunStarted (progress input)"];
        var state = (PopulationState)Samples.All["PopulationState (progress input)"];
        var registered = (RunRegistered)Samples.All["RunRegistered (progress input)"];
        var start = (StartRun)Samples.All["StartRun (progress input)"];

        Assert.True(((RunStarted)Serializer.FromBinary(Serializer.ToBinary(started), "RS5")).Settings.Architecture.ProgressInput);
        Assert.True(((PopulationState)Serializer.FromBinary(Serializer.ToBinary(state), "PS5")).Settings!.Architecture.ProgressInput);
        Assert.True(((RunRegistered)Serializer.FromBinary(Serializer.ToBinary(registered), "RGR2")).Settings.Architecture.ProgressInput);
        Assert.True(((StartRun)Serializer.FromBinary(Serializer.ToBinary(start), "SR6")).Settings.Architecture.ProgressInput);
        Assert.False(((RunStarted)Serializer.FromBinary(Serializer.ToBinary(Samples.All["RunStarted"]), "RS5")).Settings.Architecture.ProgressInput);
    }

    [Fact]
    public void Settings_that_differ_only_in_the_progress_input_are_another_run()
    {
        var differences = Samples.Settings.Differences(Samples.ProgressSettings);

        Assert.Contains(differences, d => d.StartsWith("architecture") && d.Contains("ProgressInput = True"));
    }

    [Fact]
    public void An_mln_without_the_progress_input_keeps_its_tag_and_bytes_in_a_lease()
    {
        var off = Lease(Samples.Settings.Architecture);
        var on = Lease(Samples.ProgressSettings.Architecture);

        // Tag 2, then the layer sizes 4, 3, 2 as before; the progress input has tag 6 and the same layout.
        byte[] sizes = [4, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0];
        Assert.Contains(Convert.ToHexString([2, .. sizes]), Convert.ToHexString(Serializer.ToBinary(off)));
        Assert.Contains(Convert.ToHexString([6, .. sizes]), Convert.ToHexString(Serializer.ToBinary(on)));
        var back = (WorkLease)Serializer.FromBinary(Serializer.ToBinary(on), "WL4");
        Assert.Equal(Samples.ProgressSettings.Architecture, ((LossSpec.MetaLoss)back.Groups[0].Episodes[0].Spec.Loss).Architecture);
        Assert.Equal(Samples.Settings.Architecture, ((LossSpec.MetaLoss)((WorkLease)Serializer.FromBinary(Serializer.ToBinary(off), "WL4")).Groups[0].Episodes[0].Spec.Loss).Architecture);
    }

    [Fact]
    public void The_best_mln_answer_carries_the_progress_input()
    {
        var best = (BestMln)Samples.All["BestMln (progress input)"];

        Assert.True(((BestMln)Serializer.FromBinary(Serializer.ToBinary(best), "BM2")).Architecture.ProgressInput);
    }

    private static WorkLease Lease(MlnArchitecture architecture) => new([new EpisodeGroup(
        [new EpisodeAssignment(new EpisodeKey(1, 0, 0), Samples.Settings.Template with { Loss = new LossSpec.MetaLoss(architecture, Samples.OddFloats) })])]);
}
