using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>
/// A batch computes on its evaluator slot's device. No GPU here: the meta device (shapes, no data)
/// stands in for one, so a tensor left on the CPU by default would show.
/// </summary>
public class BatchedDeviceSpecs
{
    private static readonly Device Meta = new(DeviceType.META);

    private static EpisodeSpec Spec(ulong seed) =>
        new(DatasetName.FashionMnistTest, new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(seed)),
            TaskSeed: seed, InitSeed: seed + 1000, Steps: 3, RecordValidationCurve: true);

    [Fact]
    public void Should_give_the_same_results_on_an_explicit_cpu_device()
    {
        EpisodeSpec[] specs = [Spec(1), Spec(2)];

        var onCpu = new BatchedEpisodeRunner(TestData.Catalog, CPU).Run(specs);
        var byDefault = new BatchedEpisodeRunner(TestData.Catalog).Run(specs);

        for (var p = 0; p < specs.Length; p++) SameResult.Assert(byDefault[p], onCpu[p], $"member {p}");
    }

    [Fact]
    public void Should_put_a_batch_rows_classifiers_and_losses_on_the_given_device()
    {
        using var scope = NewDisposeScope();
        EpisodeSpec[] specs = [Spec(1), Spec(2), Spec(3)];
        var data = TestData.Catalog.Get(DatasetName.FashionMnistTest);

        var task = BatchedTask.Sample(data, specs, Meta);
        using var classifier = new BatchedMlpClassifier(
            new ClassifierShape(data.FeatureCount, 8, 8, task.ClassCount), specs.Select(s => s.InitSeed).ToList(), Meta);
        using var loss = BatchedLosses.Create(specs.Select(s => s.Loss).ToList(), Meta);
        var pass = classifier.Train(task.TrainFeatures);
        var (losses, gradient) = LogitGradients.WithValues(loss, pass.Logits, task.TrainTargets);
        classifier.SgdStep(pass, gradient, full([3, 1, 1], -0.1f, device: Meta));

        Assert.All(new[] { task.TrainFeatures, task.TrainLabels, task.TrainTargets, task.ValidationFeatures, task.ValidationLabels },
            t => Assert.Equal(DeviceType.META, t.device_type));
        Assert.All(classifier.Parameters, p => Assert.Equal(DeviceType.META, p.device_type));
        Assert.Equal(DeviceType.META, losses.device_type);
        Assert.Equal([3], losses.shape);
    }
}
