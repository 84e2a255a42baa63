using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Probes;

/// <summary>
/// "What did the loss learn?": trains one episode as <see cref="BatchedEpisodeRunner"/> does (a group
/// of one), and at every step also takes cross-entropy's gradient at the same logits, so a user can
/// see whether a learned loss differs from CE in direction or is "just a schedule" (cosine ~1, ratio varying).
/// </summary>
public sealed class GradientProbe(IDatasetSource datasets)
{
    public GradientProbeResult Run(EpisodeSpec spec)
    {
        spec.Validate();
        using var scope = NewDisposeScope();
        var data = datasets.Get(spec.Dataset);
        var task = BatchedTask.Sample(data, [spec]);
        using var classifier = BatchedClassifiers.Create(spec.Classifier, data.FeatureCount, spec.FirstHidden, spec.SecondHidden,
            task.ClassCount, [spec.InitSeed]);
        using var loss = spec.Loss.Create();
        using var training = TrainingLoss.For(loss, task.TrainTargets);
        using var crossEntropy = new CrossEntropyLoss();

        var trainLoss = new List<float>(spec.Steps);
        var normRatio = new List<double>(spec.Steps);
        var cosine = new List<double>(spec.Steps);
        for (var step = 0; step < spec.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var pass = classifier.Train(task.TrainFeatures);
            var (value, gradient) = training.ValuesAndGradient(pass.Logits, step / (double)spec.Steps);
            var lossValue = HostValues.Floats(value)[0];
            if (!float.IsFinite(lossValue)) break;
            var agreement = GradientAgreement.Between(gradient, LogitGradients.Of(crossEntropy, pass.Logits, task.TrainTargets));
            trainLoss.Add(lossValue);
            normRatio.Add(agreement.NormRatio);
            cosine.Add(agreement.Cosine);
            using var rate = tensor(new[] { (float)-spec.LearningRateAt(step) }, [1, 1, 1]);
            classifier.SgdStep(pass, gradient, rate);
        }
        return new GradientProbeResult([.. trainLoss], [.. normRatio], [.. cosine]);
    }
}
