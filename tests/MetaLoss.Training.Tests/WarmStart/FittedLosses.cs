using MetaLoss.Training.Models;
using MetaLoss.Training.WarmStart;

namespace MetaLoss.Training.Tests.WarmStart;

/// <summary>One default-settings fit per reference loss, shared by the tests that only read it.</summary>
public static class FittedLosses
{
    public const ulong FitSeed = 1;

    /// <summary>Measurements use this seed's held-out batches, which no fit with <see cref="FitSeed"/> saw.</summary>
    public const ulong FreshSeed = 4242;

    /// <summary>The default architecture with the training-progress input, as a default run evolves it.</summary>
    public static MlnArchitecture WithProgress { get; } = MlnArchitecture.Default with { ProgressInput = true };

    private static readonly Lazy<WarmStartFit> CrossEntropyFit = new(() => FitTo(new LossSpec.CrossEntropy()));
    private static readonly Lazy<WarmStartFit> MeanSquaredErrorFit = new(() => FitTo(new LossSpec.MeanSquaredError()));
    private static readonly Lazy<WarmStartFit> CrossEntropyWithProgressFit = new(() => FitTo(new LossSpec.CrossEntropy(), WithProgress));

    public static WarmStartFit CrossEntropy => CrossEntropyFit.Value;

    public static WarmStartFit MeanSquaredError => MeanSquaredErrorFit.Value;

    public static WarmStartFit CrossEntropyWithProgress => CrossEntropyWithProgressFit.Value;

    public static LossSpec.MetaLoss AsLoss(WarmStartFit fit) => new(MlnArchitecture.Default, fit.Phi);

    private static WarmStartFit FitTo(LossSpec reference, MlnArchitecture? architecture = null) =>
        MlnWarmStart.Fit(architecture ?? MlnArchitecture.Default, reference, WarmStartSettings.Default, FitSeed);
}
