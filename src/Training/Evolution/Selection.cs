namespace MetaLoss.Training.Evolution;

/// <summary>
/// Outcome of ranking one generation's candidates (<see cref="ISearchStrategy.Select"/>): which
/// candidate indices the strategy keeps or recombines, best first, and summary fitness. Small and
/// self-contained so the actor layer can persist it as an event.
/// </summary>
/// <param name="SurvivorIndices">Candidate indices the strategy keeps ((mu+lambda): the T survivors) or recombines (CMA-ES), best first.</param>
/// <param name="BestFitness">Fitness of the best candidate (NaN only if every fitness was NaN).</param>
/// <param name="MeanFitness">Mean over the candidates whose fitness is not NaN (NaN if none).</param>
public sealed record Selection(IReadOnlyList<int> SurvivorIndices, double BestFitness, double MeanFitness);
