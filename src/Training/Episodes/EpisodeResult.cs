namespace MetaLoss.Training.Episodes;

/// <summary>
/// Fitness (final validation accuracy) and per-step curves. TrainLoss and TrainAccuracy are
/// measured on the step's forward pass, before its update; ValidationAccuracy after each update,
/// and only when the spec asked for it (it costs a validation pass per step).
/// </summary>
public sealed record EpisodeResult(
    double Fitness,
    EpisodeOutcome Outcome,
    float[] TrainLoss,
    float[] TrainAccuracy,
    float[] ValidationAccuracy)
{
    public bool Flagged => Outcome != EpisodeOutcome.Completed;

    public static EpisodeResult Failed(EpisodeOutcome outcome, List<float> trainLoss, List<float> trainAccuracy,
        List<float> validationAccuracy) =>
        new(0, outcome, [.. trainLoss], [.. trainAccuracy], [.. validationAccuracy]);
}
