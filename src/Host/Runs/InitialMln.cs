using System.Diagnostics;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using MetaLoss.Training.Randomness;
using MetaLoss.Training.WarmStart;

namespace MetaLoss.Host.Runs;

/// <summary>
/// The MLN a new run starts from, computed once and persisted in RunStarted, so a resumed run
/// never recomputes it. Seeded from the run seed: the same command gives the same start.
/// </summary>
public static class InitialMln
{
    private const long InitStream = 0x1A17;

    private static readonly LearningRateSchedule TunedDecay = new(LearningRateDecay.Cosine, 0.25);

    /// <summary>Steps of the fit to a reference loss.</summary>
    public static int FitSteps => new WarmStartSettings().Steps;

    /// <summary>
    /// The run's start; <paramref name="showProgress"/> draws the fit's progress on stderr (a terminal
    /// only). A cancelled <paramref name="cancellation"/> ends the fit at its next step (OperationCanceledException).
    /// </summary>
    public static StartRun Create(RunSettings settings, bool showProgress, CancellationToken cancellation = default)
    {
        using var fit = BackgroundInitialMln.Start(settings, cancellation);
        return fit.Finish(settings, showProgress);
    }

    /// <summary>
    /// The initial MLN's parameters, how they agree with CE, and how long they took.
    /// <paramref name="stepsDone"/> hears the fit's progress; a cancelled <paramref name="cancellation"/>
    /// ends the fit at its next step.
    /// </summary>
    internal static (float[] Phi, InitialFit Fit, TimeSpan Took) Compute(RunSettings settings, Action<int> stepsDone,
        CancellationToken cancellation)
    {
        var stopwatch = Stopwatch.StartNew();
        var seed = SeedPath.Derive(settings.Seed, InitStream);
        var warmStart = new WarmStartSettings();
        var crossEntropy = new LossSpec.CrossEntropy();
        var reference = Reference(settings);
        var phi = reference is null
            ? MlnWarmStart.MatchGradientNorm(settings.Architecture, settings.Architecture.RandomParameters(seed), crossEntropy, warmStart, seed)
            : MlnWarmStart.Fit(settings.Architecture, reference, warmStart, seed, steps =>
            {
                cancellation.ThrowIfCancellationRequested();
                stepsDone(steps);
            }).Phi;
        var agreement = MlnWarmStart.Measure(new LossSpec.MetaLoss(settings.Architecture, phi), crossEntropy, warmStart, seed);
        return (phi, new InitialFit(agreement.Cosine, agreement.NormRatio), stopwatch.Elapsed);
    }

    /// <summary>
    /// What the run's initial MLN is fitted to; null for the random start, which is only rescaled.
    /// A scheduled reference is exactly an init that <see cref="MlnInits.FollowsSchedule"/> (a spec checks it).
    /// </summary>
    public static WarmStartReference? Reference(RunSettings settings) => settings.Init switch
    {
        MlnInit.Random => null,
        MlnInit.CrossEntropyFit => WarmStartReference.Plain(new LossSpec.CrossEntropy()),
        MlnInit.MeanSquaredErrorFit => WarmStartReference.Plain(new LossSpec.MeanSquaredError()),
        MlnInit.LabelSmoothingFit => Tuned(settings, new LossSpec.LabelSmoothing(0.4), 0.8),
        MlnInit.PolyOneFit => Tuned(settings, new LossSpec.PolyOne(-1), 0.5),
        MlnInit.FocalFit => Tuned(settings, new LossSpec.Focal(6), 0.4),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Init, "not a known initial MLN"),
    };

    /// <summary>
    /// A baseline at the settings `evaluate`'s full grid chose on meta-training episodes for the
    /// default episode (README, Table 1: its rate, cosine decay to a quarter): a warm start from it
    /// starts evolution at that baseline, schedule included, instead of at plain CE.
    /// </summary>
    private static WarmStartReference Tuned(RunSettings settings, LossSpec loss, double learningRate) =>
        new(loss, learningRate / settings.Template.LearningRate, TunedDecay, settings.Template.Steps);
}
