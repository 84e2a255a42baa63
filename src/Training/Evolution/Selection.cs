namespace MetaLoss.Training.Evolution;

/// <summary>
/// Outcome of ranking one generation's 2T candidates: which candidate indices survive, best first,
/// and summary fitness. Small and self-contained so the actor layer can persist it as an event
/// and rebuild the next population from it with <see cref="SelfAdaptiveEvolution.Advance"/>.
/// </summary>
/// <param name="SurvivorIndices">Candidate indices of the T survivors, best first.</param>
/// <param name="BestFitness">Fitness of the best candidate (NaN only if every fitness was NaN).</param>
/// <param name="MeanFitness">Mean over the candidates whose fitness is not NaN (NaN if none).</param>
public sealed record Selection(IReadOnlyList<int> SurvivorIndices, double BestFitness, double MeanFitness);
