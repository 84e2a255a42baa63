using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using MetaLoss.Training.Probes;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>Episodes on K of a dataset's classes: the MLN serves any K, the paper's architecture could not.</summary>
public class ClassSubsetEpisodeSpecs
{
    private static readonly int[] FiveClasses = [0, 1, 2, 3, 4];

    private static EpisodeSpec Spec(LossSpec loss, DatasetName dataset = DatasetName.FashionMnistTest) =>
        new(dataset, loss, TaskSeed: 21, InitSeed: 22, Classes: FiveClasses, RecordValidationCurve: true);

    [Fact]
    public void Should_train_a_five_class_classifier_well_above_five_class_chance()
    {
        var result = new EpisodeRunner(TestData.Catalog).Run(Spec(new LossSpec.CrossEntropy()));
        Assert.Equal(EpisodeOutcome.Completed, result.Outcome);
        // Chance is 1/5 here; a 10-way classifier over these validation rows could not exceed it by design.
        Assert.InRange(result.Fitness, 0.45, 1.0);
    }

    [Theory]
    [InlineData(DatasetName.FashionMnistTest)]
    [InlineData(DatasetName.Cifar10Test)]
    public void Should_train_with_the_same_mln_on_five_classes_of_either_dataset(DatasetName dataset)
    {
        var mln = new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(4));
        var probe = new GradientProbe(TestData.Catalog).Run(Spec(mln, dataset));
        Assert.Equal(EpisodeDefaults.Steps, probe.NormRatio.Length);
        Assert.All(probe.NormRatio, r => Assert.True(double.IsFinite(r) && r > 0));
        Assert.All(probe.Cosine, c => Assert.InRange(c, -1.0 - 1e-9, 1.0 + 1e-9));
    }
}
