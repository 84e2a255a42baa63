using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// Runs a lease's episodes on one slot, together where they can share a batch; one result per
/// spec, in the order given. A member's result must not depend on its batch-mates.
/// </summary>
public delegate EpisodeResult[] EpisodeBatchRunner(IReadOnlyList<EpisodeSpec> specs);

/// <summary>Makes the runner of one evaluator incarnation for its slot; a restarted evaluator gets a fresh one.</summary>
public delegate EpisodeBatchRunner EpisodeBatchRunnerFactory(DeviceSlot slot);
