using MetaLoss.Training.Models;
using MetaLoss.Training.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.WarmStart;

/// <summary>
/// Starts evolution from an MLN that already behaves like a known-good loss. Fit regresses the MLN's
/// logit gradient onto the reference loss's, since the logit gradient is all that plain SGD takes
/// from a loss; MatchGradientNorm instead keeps a random MLN's shape and only fixes its step size.
/// </summary>
public static class MlnWarmStart
{
    /// <summary>
    /// Fits a random MLN of <paramref name="architecture"/> to <paramref name="reference"/> with Adam (our own
    /// <see cref="AdamOptimizer"/>: TorchSharp's passes libtorch temporary Scalars). Thousands
    /// of tiny ops: run it with one intra-op thread (<see cref="TorchThreads.Configure"/>), as episodes are,
    /// since more threads only spin-wait and, on a busy machine, make the fit many times slower.
    /// </summary>
    public static WarmStartFit Fit(MlnArchitecture architecture, LossSpec reference, WarmStartSettings settings, ulong seed) =>
        Fit(architecture, WarmStartReference.Plain(reference), settings, seed);

    /// <summary>
    /// As above, fitted to a reference with its own rate and schedule; a scheduled reference needs an
    /// MLN that sees the training progress (an ArgumentException otherwise). <paramref name="stepsDone"/>,
    /// if given, hears the number of steps done after each one (the fit takes seconds).
    /// </summary>
    public static WarmStartFit Fit(MlnArchitecture architecture, WarmStartReference reference, WarmStartSettings settings, ulong seed,
        Action<int>? stepsDone = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        reference.Validate();
        if (reference.Scheduled && !architecture.ProgressInput)
            throw new ArgumentException(
                $"an MLN without the training-progress input cannot follow {reference.Label}'s schedule", nameof(reference));

        var initial = architecture.RandomParameters(SeedPath.Derive(seed, (long)WarmStartStream.InitialPhi));
        using var mln = new MetaLossNetwork(architecture, initial, requiresGrad: true);
        using var target = reference.Loss.Create();
        using var sampler = new LogitStateSampler(SeedPath.Derive(seed, (long)WarmStartStream.TrainingBatches), settings);
        using var optimizer = new AdamOptimizer(mln.Parameters);
        for (var step = 0; step < settings.Steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var progress = FitProgress(step);
            var objective = settings.ClassCounts
                .Select(classes => GradientMismatch(mln, target, reference.GradientScale(progress), sampler.Next(classes), progress))
                .Aggregate((a, b) => a.add(b, TorchScalars.One));
            objective.backward();
            optimizer.Step(LearningRateAt(step, settings));
            stepsDone?.Invoke(step + 1);
        }

        var phi = mln.ToVector();
        var agreement = Measure(new LossSpec.MetaLoss(architecture, phi), reference, settings, seed);
        return new WarmStartFit(phi, agreement.Cosine, agreement.NormRatio, settings.Steps);
    }

    /// <summary>
    /// <paramref name="phi"/> with its loss scaled so that its mean logit-gradient norm on held-out batches
    /// equals <paramref name="reference"/>'s. A random MLN's gradient is tens of times smaller than CE's
    /// (its terms are averaged over B x K elements), too small for a few SGD steps to move a classifier;
    /// scaling only the output layer multiplies the loss, and so its gradient, by one constant and
    /// leaves the gradient's direction as random as before.
    /// </summary>
    public static float[] MatchGradientNorm(MlnArchitecture architecture, float[] phi, LossSpec reference,
        WarmStartSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(phi);
        var ratio = Measure(new LossSpec.MetaLoss(architecture, phi), reference, settings, seed).NormRatio;
        if (!(ratio > 0) || !double.IsFinite(ratio))
            throw new ArgumentException($"cannot rescale an MLN whose gradient norm ratio is {ratio}", nameof(phi));
        var scaled = (float[])phi.Clone();
        // The output layer's weight and bias: the integration block's last two tensors.
        var layout = architecture.Tensors;
        const int outputWeight = MetaLossNetwork.Integration + 2;
        var outputStart = layout.Take(outputWeight).Sum(t => t.Length);
        var outputLength = layout.Skip(outputWeight).Take(2).Sum(t => t.Length);
        for (var i = outputStart; i < outputStart + outputLength; i++) scaled[i] = (float)(phi[i] / ratio);
        return scaled;
    }

    /// <summary>
    /// How well <paramref name="loss"/>'s logit gradient follows <paramref name="reference"/>'s, averaged over
    /// <see cref="WarmStartSettings.HeldOutBatches"/> batches that Fit with the same seed never trained on.
    /// </summary>
    public static GradientAgreement Measure(LossSpec loss, LossSpec reference, WarmStartSettings settings, ulong seed) =>
        Measure(loss, WarmStartReference.Plain(reference), settings, seed);

    /// <summary>As above, against a reference's gradient scaled by its rate and schedule at each progress.</summary>
    public static GradientAgreement Measure(LossSpec loss, WarmStartReference reference, WarmStartSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        reference.Validate();
        using var candidate = loss.Create();
        using var target = reference.Loss.Create();
        using var sampler = new LogitStateSampler(SeedPath.Derive(seed, (long)WarmStartStream.HeldOutBatches), settings);
        var measurements = new List<GradientAgreement>(settings.HeldOutBatches);
        for (var i = 0; i < settings.HeldOutBatches; i++)
        {
            using var scope = NewDisposeScope();
            var (logits, targets) = sampler.Next(settings.ClassCounts[i % settings.ClassCounts.Count]);
            // Evenly over the episode, for a loss that sees the training progress.
            var progress = (i + 0.5) / settings.HeldOutBatches;
            measurements.Add(GradientAgreement.Between(
                LogitGradients.Of(candidate, logits, targets, progress: progress),
                Scaled(LogitGradients.Of(target, logits, targets, progress: progress), reference.GradientScale(progress))));
        }
        return GradientAgreement.Mean(measurements);
    }

    /// <summary>Linear decay from the settings' rate to a tenth of it: fast progress first, a precise fit last.</summary>
    private static double LearningRateAt(int step, WarmStartSettings settings) =>
        settings.LearningRate * (1 - 0.9 * step / Math.Max(1, settings.Steps - 1));

    /// <summary>
    /// The training progress a fit step shows an MLN with a progress input: the golden-ratio sequence,
    /// which covers [0, 1) evenly at every stage of the fit without a random stream of its own. The
    /// fit teaches the MLN the reference at every progress: a plain loss throughout the episode, or a
    /// scheduled one with its schedule (evolution then refines either); a fixed progress would leave
    /// the random progress weights unfitted, a schedule nobody chose.
    /// </summary>
    private static double FitProgress(int step) => step * GoldenRatioConjugate % 1.0;

    private const double GoldenRatioConjugate = 0.6180339887498949;

    /// <summary>
    /// The squared distance between the MLN's and the reference's logit gradients, relative to the
    /// reference's squared norm so that confident and uncertain batches weigh alike.
    /// </summary>
    private static Tensor GradientMismatch(MetaLossNetwork mln, ILoss reference, double scale, (Tensor Logits, Tensor Targets) batch, double progress)
    {
        using var scope = NewDisposeScope();
        var gradient = LogitGradients.Of(mln, batch.Logits, batch.Targets, createGraph: true, progress: progress);
        var target = Scaled(LogitGradients.Of(reference, batch.Logits, batch.Targets, progress: progress), scale);
        return gradient.sub(target).pow(TorchScalars.Two).sum().div(target.pow(TorchScalars.Two).sum()).MoveToOuterDisposeScope();
    }

    /// <summary><paramref name="gradient"/> times <paramref name="scale"/>, in place; untouched at 1, so plain fits keep their bits.</summary>
    private static Tensor Scaled(Tensor gradient, double scale)
    {
        if (scale == 1) return gradient;
        using var factor = scale.ToScalar();
        return gradient.mul_(factor);
    }
}
