using MetaLoss.Training.Data;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// Everything an inner-loop episode depends on. An episode is a pure function of its spec.
/// <see cref="Schedule"/> (none: constant) scales <see cref="LearningRate"/> per step.
/// <see cref="Classifier"/> names the classifier trained (the hidden sizes are the MLP's); only the
/// MLP travels on the wire, the CNN is for meta-testing in this process.
/// </summary>
public sealed record EpisodeSpec(
    DatasetName Dataset,
    LossSpec Loss,
    ulong TaskSeed,
    ulong InitSeed,
    int PerClassTrain = EpisodeDefaults.PerClassTrain,
    int ValidationSize = EpisodeDefaults.ValidationSize,
    int FirstHidden = EpisodeDefaults.FirstHidden,
    int SecondHidden = EpisodeDefaults.SecondHidden,
    int Steps = EpisodeDefaults.Steps,
    double LearningRate = EpisodeDefaults.LearningRate,
    IReadOnlyList<int>? Classes = null,
    bool RecordValidationCurve = false,
    LearningRateSchedule? Schedule = null,
    ClassifierKind Classifier = ClassifierKind.Mlp)
{
    /// <summary>The learning rate of step <paramref name="step"/> (0-based).</summary>
    public double LearningRateAt(int step) => Schedule is null ? LearningRate : LearningRate * Schedule.Factor(step, Steps);

    public void Validate()
    {
        if (PerClassTrain <= 0) throw new ArgumentException($"per-class training size must be positive, got {PerClassTrain}");
        if (ValidationSize <= 0) throw new ArgumentException($"validation size must be positive, got {ValidationSize}");
        if (Steps <= 0) throw new ArgumentException($"steps must be positive, got {Steps}");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentException($"learning rate must be a positive number, got {LearningRate}");
        if (FirstHidden is <= 0 or > EpisodeDefaults.MaxHidden || SecondHidden is <= 0 or > EpisodeDefaults.MaxHidden)
            throw new ArgumentException($"hidden sizes must be between 1 and {EpisodeDefaults.MaxHidden}, got {FirstHidden} and {SecondHidden}");
        Schedule?.Validate();
        if (!Enum.IsDefined(Classifier)) throw new ArgumentException($"unknown classifier kind {(int)Classifier}");
    }
}
