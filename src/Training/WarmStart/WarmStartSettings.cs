namespace MetaLoss.Training.WarmStart;

/// <summary>
/// How the warm start fits an MLN's logit gradient to a reference loss's. Call <see cref="Validate"/>
/// (the warm start does) to get an <see cref="ArgumentException"/> naming the bad field.
/// </summary>
public sealed record WarmStartSettings
{
    /// <summary>Adam steps; each step sees one fresh batch per entry of <see cref="ClassCounts"/>.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Adam's initial step size; it decays linearly to a tenth by the last step.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Rows per synthetic batch, as many as a default episode's training set has.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>Numbers of classes the fit sees, so the fitted loss holds for any K, not just 10.</summary>
    public IReadOnlyList<int> ClassCounts { get; init; } = [5, 10, 17];

    /// <summary>Smallest logit scale: an untrained classifier's near-uniform predictions.</summary>
    public double MinLogitScale { get; init; } = 0.1;

    /// <summary>Largest logit scale: a trained classifier's confident predictions.</summary>
    public double MaxLogitScale { get; init; } = 8;

    /// <summary>Fresh batches on which the fit (or a normalisation) is measured.</summary>
    public int HeldOutBatches { get; init; } = 60;

    public static WarmStartSettings Default { get; } = new();

    public WarmStartSettings Validate()
    {
        if (Steps < 1) throw new ArgumentException($"Steps must be at least 1, was {Steps}.", nameof(Steps));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"LearningRate must be finite and positive, was {LearningRate}.", nameof(LearningRate));
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be at least 1, was {BatchSize}.", nameof(BatchSize));
        if (ClassCounts is not { Count: > 0 } || ClassCounts.Any(k => k < 2))
            throw new ArgumentException(
                $"ClassCounts must be a non-empty list of numbers of at least 2, was [{string.Join(", ", ClassCounts ?? [])}].",
                nameof(ClassCounts));
        if (!(MinLogitScale > 0) || !(MaxLogitScale >= MinLogitScale) || !double.IsFinite(MaxLogitScale))
            throw new ArgumentException(
                $"Logit scales must satisfy 0 < MinLogitScale <= MaxLogitScale < infinity, were {MinLogitScale} and {MaxLogitScale}.",
                nameof(MinLogitScale));
        if (HeldOutBatches < 1)
            throw new ArgumentException($"HeldOutBatches must be at least 1, was {HeldOutBatches}.", nameof(HeldOutBatches));
        return this;
    }
}
