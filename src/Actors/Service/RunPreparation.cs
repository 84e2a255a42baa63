using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Service;

/// <summary>
/// Turns a submitted run's settings into the population's <see cref="StartRun"/>, as `evolve` does:
/// the datasets' fingerprints, a preflight episode, and the initial MLN (seeded from the run seed, so
/// the same settings always give the same start). Throws ArgumentException when the run cannot run,
/// OperationCanceledException once <paramref name="cancellation"/> is cancelled (the run was cancelled,
/// or the service stops). Slow (seconds of tensor work): <see cref="RunPreparer"/> runs one at a time.
/// </summary>
public delegate StartRun RunPreparation(RunSettings settings, CancellationToken cancellation);
