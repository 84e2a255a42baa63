using MetaLoss.Training.Data;

namespace MetaLoss.Actors.Evaluation;

/// <summary>Compares a run's dataset fingerprints with this process's data: what differs, or null when they agree.</summary>
public delegate string? DataCheck(IReadOnlyList<DatasetFingerprint> runData);

/// <summary>
/// Published on the event stream when an evaluator refuses a lease because this process's data is
/// not the run's: the host reports it and exits. Local only, never sent to another node.
/// </summary>
public sealed record DataMismatch(string Reason);
