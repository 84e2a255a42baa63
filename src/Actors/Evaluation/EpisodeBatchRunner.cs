using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// Runs one group of the run's plan on one slot, as one batch; one result per spec, in the order
/// given. The results must be a deterministic function of the group and its order (a member's may
/// depend on its batch-mates): every evaluator computes a group whole, with one call.
/// </summary>
public delegate EpisodeResult[] EpisodeBatchRunner(IReadOnlyList<EpisodeSpec> specs);

/// <summary>Makes the runner of one evaluator incarnation for its slot; a restarted evaluator gets a fresh one.</summary>
public delegate EpisodeBatchRunner EpisodeBatchRunnerFactory(DeviceSlot slot);
