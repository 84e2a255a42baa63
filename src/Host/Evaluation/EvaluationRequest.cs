using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;

namespace MetaLoss.Host.Evaluation;

/// <summary>What `metaloss evaluate` was asked for.</summary>
/// <param name="Classes">Restricts every episode to these classes; null keeps the run's own.</param>
/// <param name="CurveEpisodes">How many of the episodes record a validation curve for Figure 4.</param>
public sealed record EvaluationRequest(
    string RunPath,
    int Episodes,
    int CurveEpisodes,
    IReadOnlyList<DatasetName> Datasets,
    IReadOnlyList<int>? Classes,
    int TuneEpisodes,
    BaselineGrid Grid,
    ulong Seed,
    int Threads,
    DataLocations Data);
