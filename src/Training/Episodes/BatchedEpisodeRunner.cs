using MetaLoss.Training.Data;
using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// Runs many episodes as one population: the classifiers (and MLNs) of P episodes are stacked
/// along a leading member dimension and trained together with bmm, so a batch is a few large ops
/// per step instead of P times many small ones. Each member's result equals what
/// <see cref="EpisodeRunner"/> gives for its spec: the summed loss backpropagates each member's
/// own gradient, each member steps with its own learning rate and schedule, and a member whose
/// loss goes non-finite is flagged and frozen while the rest carry on. As in EpisodeRunner, the data
/// stays resident on the CPU; a batch's rows, classifiers and losses live on <paramref name="device"/>
/// (a CUDA evaluator slot's GPU, or the CPU by default).
/// </summary>
public sealed class BatchedEpisodeRunner(IDatasetSource datasets, Device? device = null)
{
    /// <summary>
    /// One result per spec, in the order given. Specs that can share tensors (same
    /// <see cref="BatchKey"/>) run as one batch; mixed input runs as one batch per key.
    /// </summary>
    public EpisodeResult[] Run(IReadOnlyList<EpisodeSpec> specs)
    {
        foreach (var spec in specs) spec.Validate();
        var results = new EpisodeResult[specs.Count];
        foreach (var batch in Enumerable.Range(0, specs.Count).GroupBy(i => BatchKey.Of(specs[i], datasets)))
        {
            var members = batch.ToArray();
            var batchResults = RunBatch(members.Select(i => specs[i]).ToList());
            for (var p = 0; p < members.Length; p++) results[members[p]] = batchResults[p];
        }
        return results;
    }

    private EpisodeResult[] RunBatch(IReadOnlyList<EpisodeSpec> specs)
    {
        var settings = specs[0];
        var data = datasets.Get(settings.Dataset);

        using var scope = NewDisposeScope();
        var task = BatchedTask.Sample(data, specs, device);
        var shape = new ClassifierShape(data.FeatureCount, settings.FirstHidden, settings.SecondHidden, task.ClassCount);
        using var classifier = new BatchedMlpClassifier(shape, specs.Select(s => s.InitSeed).ToList(), device);
        using var loss = BatchedLosses.Create(specs.Select(s => s.Loss).ToList(), device);

        var curves = new BatchCurves(specs.Count, settings.Steps);
        float[]? validation = null;
        for (var step = 0; step < settings.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var logits = classifier.Forward(task.TrainFeatures);
            var losses = loss.Compute(logits, task.TrainTargets);
            // One read of the whole batch per step, not one per member.
            curves.RecordTrainStep(HostValues.Floats(losses), Accuracies(logits, task.TrainLabels));
            if (!curves.AnyLive) break;
            // Members are independent, so d(sum)/d(theta_p) is member p's own gradient; a flagged
            // member's (possibly NaN) gradient stays in its own slice and is never applied.
            losses.sum().backward();
            classifier.SgdStep(SgdGroup.Of(specs.Select(s => s.LearningRateAt(step)).ToArray(), curves.Live));
            if (!settings.RecordValidationCurve) continue;
            validation = ValidationAccuracies(classifier, task);
            curves.RecordValidation(validation);
        }

        // As in EpisodeRunner, a recorded curve already ends at the final accuracy.
        if (curves.AnyLive && !settings.RecordValidationCurve) validation = ValidationAccuracies(classifier, task);
        return curves.Finish(classifier.SquaredNorms(), EpisodeRunner.ExplodedSquaredNorm, validation ?? new float[specs.Count]);
    }

    /// <summary>Validation accuracy of every member from one forward pass of the whole batch: three bmm.</summary>
    private static float[] ValidationAccuracies(BatchedMlpClassifier classifier, BatchedTask task)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return Accuracies(classifier.Forward(task.ValidationFeatures), task.ValidationLabels);
    }

    private static float[] Accuracies(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return HostValues.Floats(logits.argmax(-1).eq(labels).to_type(ScalarType.Float32).mean([-1]));
    }
}
