namespace MetaLoss.Training.Evolution;

/// <summary>
/// An ask/tell search strategy, configured for one run (its settings and run seed). Every method is a
/// pure function of its arguments: candidates are drawn from seed paths keyed by (run seed,
/// generation, index), and Tell depends only on the candidates and their fitness, so a run that
/// replays its journaled results gets the same states and candidates bit for bit.
/// </summary>
public interface ISearchStrategy
{
    SearchStrategyName Name { get; }

    /// <summary>Candidates each generation scores.</summary>
    int CandidateCount { get; }

    /// <summary>Generation 0's state, from the run's initial MLN.</summary>
    SearchState Initialize(float[] initialPhi);

    /// <summary>The <see cref="CandidateCount"/> candidates of <paramref name="state"/>'s generation.</summary>
    IReadOnlyList<Genome> Ask(SearchState state);

    /// <summary>
    /// How the strategy reads one fitness per candidate (higher is better, NaN worst): the candidates
    /// it keeps or recombines, best first, and the generation's best and mean fitness.
    /// </summary>
    Selection Select(SearchState state, IReadOnlyList<double> fitness);

    /// <summary>The next generation's state from the candidates <see cref="Ask"/> gave and their fitness.</summary>
    SearchState Tell(SearchState state, IReadOnlyList<Genome> candidates, IReadOnlyList<double> fitness);
}
