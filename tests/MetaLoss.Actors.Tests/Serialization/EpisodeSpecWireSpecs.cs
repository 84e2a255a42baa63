using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Serialization;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Serialization;

/// <summary>The classifier kind never travels: MLP episodes keep their format, a CNN one is refused rather than sent as an MLP one.</summary>
public sealed class EpisodeSpecWireSpecs() : Akka.TestKit.Xunit2.TestKit(SerializationConfig.Hocon)
{
    private static WorkLease Lease(EpisodeSpec spec) => new([new EpisodeGroup([new EpisodeAssignment(new EpisodeKey(1, 0, 0), spec)])]);

    private MetaLossSerializer Serializer => Assert.IsType<MetaLossSerializer>(Sys.Serialization.FindSerializerForType(typeof(WorkLease)));

    [Fact]
    public void Should_refuse_to_write_an_episode_of_the_cnn_classifier()
    {
        var cnn = Lease(Samples.Settings.Template with { Classifier = ClassifierKind.Cnn });

        var error = Assert.Throws<ArgumentException>(() => Serializer.ToBinary(cnn));

        Assert.Contains("Cnn classifier cannot be serialized", error.Message);
    }

    [Fact]
    public void Should_read_an_mlp_episode_back_as_an_mlp_one()
    {
        var lease = Lease(Samples.Settings.Template);

        var read = Assert.IsType<WorkLease>(Serializer.FromBinary(Serializer.ToBinary(lease), Serializer.Manifest(lease)));

        Assert.Equal(ClassifierKind.Mlp, read.Groups[0].Episodes[0].Spec.Classifier);
        Assert.Equal(Samples.Settings.Template.Schedule, read.Groups[0].Episodes[0].Spec.Schedule);
    }
}
