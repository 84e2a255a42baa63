using MetaLoss.Training.Data;
using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// Runs one inner-loop episode: sample a task, initialise a classifier, take N plain SGD steps on
/// the spec's loss, and score validation accuracy. Never throws for a misbehaving loss: a NaN or
/// infinite loss, or a classifier that blows up, ends the episode with fitness 0 and a flag.
/// The data stays resident on the CPU; an episode's rows, classifier and loss live on
/// <paramref name="device"/> (a CUDA evaluator slot's GPU, or the CPU by default).
/// </summary>
public sealed class EpisodeRunner(IDatasetSource datasets, Device? device = null)
{
    /// <summary>A classifier whose squared weight norm passes this has diverged, finite or not.</summary>
    internal const double ExplodedSquaredNorm = 1e12;

    public EpisodeResult Run(EpisodeSpec spec)
    {
        spec.Validate();
        using var scope = NewDisposeScope();
        var task = EpisodeTask.Sample(datasets, spec, device);
        var (trainFeatures, trainLabels, trainTargets) = (task.TrainFeatures, task.TrainLabels, task.TrainTargets);
        var (validationFeatures, validationLabels) = task.Validation();

        using var classifier = new MlpClassifier(task.Shape, spec.InitSeed, device);
        using var loss = spec.Loss.Create(device);

        var trainLoss = new List<float>(spec.Steps);
        var trainAccuracy = new List<float>(spec.Steps);
        var validationCurve = new List<float>(spec.RecordValidationCurve ? spec.Steps : 0);
        for (var step = 0; step < spec.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var logits = classifier.Forward(trainFeatures);
            var value = loss.Compute(logits, trainTargets);
            var lossValue = value.item<float>();
            if (!float.IsFinite(lossValue))
                return EpisodeResult.Failed(EpisodeOutcome.NonFiniteLoss, trainLoss, trainAccuracy, validationCurve);
            trainLoss.Add(lossValue);
            trainAccuracy.Add(Accuracy(logits, trainLabels));
            value.backward();
            classifier.SgdStep(spec.LearningRateAt(step));
            if (spec.RecordValidationCurve) validationCurve.Add(ValidationAccuracy(classifier, validationFeatures, validationLabels));
        }

        if (!(classifier.SquaredNorm() < ExplodedSquaredNorm))
            return EpisodeResult.Failed(EpisodeOutcome.ExplodedClassifier, trainLoss, trainAccuracy, validationCurve);
        var fitness = spec.RecordValidationCurve
            ? validationCurve[^1]
            : ValidationAccuracy(classifier, validationFeatures, validationLabels);
        return new EpisodeResult(fitness, EpisodeOutcome.Completed, [.. trainLoss], [.. trainAccuracy], [.. validationCurve]);
    }

    private static float ValidationAccuracy(MlpClassifier classifier, Tensor features, Tensor labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return Accuracy(classifier.Forward(features), labels);
    }

    private static float Accuracy(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return logits.argmax(1).eq(labels).to_type(ScalarType.Float32).mean().item<float>();
    }
}
