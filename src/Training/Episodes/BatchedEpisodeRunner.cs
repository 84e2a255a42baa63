using MetaLoss.Training.Data;
using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// Runs inner-loop episodes, a group at a time: sample each task, initialise a classifier, take N
/// plain SGD steps on the spec's loss, and score validation accuracy. The classifiers (and MLNs) of a
/// group's P episodes are stacked along a leading member dimension, so every product of a step is one
/// batched product whatever P is (the CNN kind loops over its members' convolutions, see
/// <see cref="BatchedCnnClassifier"/>); a lone episode is the group of one. Each member steps with its own
/// loss, learning rate and schedule. Never throws for a misbehaving loss: a member whose loss goes
/// non-finite, or whose classifier blows up, ends with fitness 0 and a flag while the rest carry on.
/// The data stays resident on the CPU; a group's rows, classifiers and losses live on
/// <paramref name="device"/> (a CUDA evaluator slot's GPU, or the CPU by default). A
/// <paramref name="clock"/>, if given, sums the time each phase takes (`metaloss bench`'s profile).
/// </summary>
public sealed class BatchedEpisodeRunner(IDatasetSource datasets, Device? device = null, EpisodePhaseClock? clock = null)
{
    /// <summary>A classifier whose squared weight norm passes this has diverged, finite or not.</summary>
    internal const double ExplodedSquaredNorm = 1e12;

    /// <summary>
    /// One result per spec, in the order given, from one batch: the specs must share one
    /// <see cref="BatchKey"/>. The results are a deterministic function of the group (the same specs
    /// in the same order give the same bits on any slot of a machine), but a member's result may
    /// differ in its last bits from the one it gets in another group, since libtorch may choose other
    /// kernels for another P.
    /// </summary>
    public EpisodeResult[] RunGroup(IReadOnlyList<EpisodeSpec> specs)
    {
        if (specs.Count == 0) throw new ArgumentException("a group needs at least one episode");
        foreach (var spec in specs) spec.Validate();
        var keys = specs.Select(s => BatchKey.Of(s, datasets)).Distinct().Count();
        if (keys > 1) throw new ArgumentException($"a group runs as one batch, so its episodes must share one batch key; got {keys}");
        return RunBatch(specs);
    }

    /// <summary>
    /// One result per spec, in the order given, for specs of any mix: those with the same
    /// <see cref="BatchKey"/> run as one group, in the order they were given.
    /// </summary>
    public EpisodeResult[] Run(IReadOnlyList<EpisodeSpec> specs)
    {
        foreach (var spec in specs) spec.Validate();
        var results = new EpisodeResult[specs.Count];
        foreach (var group in Enumerable.Range(0, specs.Count).GroupBy(i => BatchKey.Of(specs[i], datasets)))
        {
            var members = group.ToArray();
            var groupResults = RunBatch(members.Select(i => specs[i]).ToList());
            for (var p = 0; p < members.Length; p++) results[members[p]] = groupResults[p];
        }
        return results;
    }

    /// <summary>One episode: the group of one.</summary>
    public EpisodeResult Run(EpisodeSpec spec) => RunGroup([spec])[0];

    private EpisodeResult[] RunBatch(IReadOnlyList<EpisodeSpec> specs)
    {
        var settings = specs[0];
        var data = datasets.Get(settings.Dataset);

        using var scope = NewDisposeScope();
        var task = Timed(EpisodePhase.Sampling, () => BatchedTask.Sample(data, specs, device));
        using var classifier = Timed(EpisodePhase.Initialisation, () => BatchedClassifiers.Create(settings.Classifier, data.FeatureCount,
            settings.FirstHidden, settings.SecondHidden, task.ClassCount, specs.Select(s => s.InitSeed).ToList(), device));
        using var training = Timed(EpisodePhase.Initialisation, () => GroupTrainingLoss.For(specs.Select(s => s.Loss).ToList(), task.TrainTargets, device));

        var curves = new BatchCurves(specs.Count, settings.Steps);
        float[]? validation = null;
        for (var step = 0; step < settings.Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var pass = Timed(EpisodePhase.Forward, () => classifier.Train(task.TrainFeatures));
            var progress = step / (double)settings.Steps;
            var (losses, gradient) = Timed(EpisodePhase.Loss, () => training.ValuesAndGradient(pass.Logits, progress));
            var (trainLosses, trainAccuracies) = Timed(EpisodePhase.Statistics, () => LossesAndAccuracies(losses, pass.Logits, task.TrainLabels));
            curves.RecordTrainStep(trainLosses, trainAccuracies);
            if (!curves.AnyLive) break;
            // A flagged member's (possibly NaN) step stays in its own slice; its results are never read.
            Timed(EpisodePhase.SgdStep, () => classifier.SgdStep(pass, gradient, NegativeRates(specs, step)));
            if (!settings.RecordValidationCurve) continue;
            validation = Timed(EpisodePhase.Validation, () => ValidationAccuracies(classifier, task));
            curves.RecordValidation(validation);
        }

        // A recorded curve already ends at the final accuracy.
        if (curves.AnyLive && !settings.RecordValidationCurve) validation = Timed(EpisodePhase.Validation, () => ValidationAccuracies(classifier, task));
        return Timed(EpisodePhase.Finish, () => curves.Finish(classifier.SquaredNorms(), ExplodedSquaredNorm, validation ?? new float[specs.Count]));
    }

    private T Timed<T>(EpisodePhase phase, Func<T> work) => clock is null ? work() : clock.Time(phase, work);

    private void Timed(EpisodePhase phase, Action work)
    {
        if (clock is null) work();
        else clock.Time(phase, work);
    }

    /// <summary>-lr of every member at this step, [P, 1, 1].</summary>
    private Tensor NegativeRates(IReadOnlyList<EpisodeSpec> specs, int step) =>
        tensor(specs.Select(s => (float)-s.LearningRateAt(step)).ToArray(), [specs.Count, 1, 1], device: device);

    /// <summary>Validation accuracy of every member from one forward pass of the whole batch.</summary>
    private static float[] ValidationAccuracies(IBatchedClassifier classifier, BatchedTask task)
    {
        using var scope = NewDisposeScope();
        return HostValues.Floats(Accuracies(classifier.Forward(task.ValidationFeatures), task.ValidationLabels));
    }

    /// <summary>Every member's loss and training accuracy, in one read from the device.</summary>
    private static (float[] Losses, float[] Accuracies) LossesAndAccuracies(Tensor losses, Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var both = HostValues.Floats(stack([losses, Accuracies(logits, labels)]));
        var members = both.Length / 2;
        return (both[..members], both[members..]);
    }

    private static Tensor Accuracies(Tensor logits, Tensor labels) =>
        logits.argmax(-1).eq(labels).to_type(ScalarType.Float32).mean([-1]);
}
