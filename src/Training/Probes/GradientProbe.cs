using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Probes;

/// <summary>
/// "What did the loss learn?": trains one episode exactly as <see cref="EpisodeRunner"/> does, and at
/// every step also takes cross-entropy's gradient at the same logits, so a user can see whether a
/// learned loss differs from CE in direction or is "just a schedule" (cosine ~1, ratio varying).
/// </summary>
public sealed class GradientProbe(IDatasetSource datasets)
{
    public GradientProbeResult Run(EpisodeSpec spec)
    {
        spec.Validate();
        using var scope = NewDisposeScope();
        var task = EpisodeTask.Sample(datasets, spec, device: null);
        var (trainFeatures, trainTargets) = (task.TrainFeatures, task.TrainTargets);

        using var classifier = new MlpClassifier(task.Shape, spec.InitSeed);
        using var loss = spec.Loss.Create();
        using var crossEntropy = new CrossEntropyLoss();

        var trainLoss = new List<float>(spec.Steps);
        var normRatio = new List<double>(spec.Steps);
        var cosine = new List<double>(spec.Steps);
        for (var step = 0; step < spec.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var logits = classifier.Forward(trainFeatures);
            // Keeps the logits' gradient from the very backward pass that trains the classifier.
            logits.retain_grad();
            var value = loss.Compute(logits, trainTargets);
            var lossValue = value.item<float>();
            if (!float.IsFinite(lossValue)) break;
            value.backward();
            var agreement = GradientAgreement.Between(logits.grad!, LogitGradients.Of(crossEntropy, logits, trainTargets));
            trainLoss.Add(lossValue);
            normRatio.Add(agreement.NormRatio);
            cosine.Add(agreement.Cosine);
            classifier.SgdStep(spec.LearningRateAt(step));
        }
        return new GradientProbeResult([.. trainLoss], [.. normRatio], [.. cosine]);
    }
}
