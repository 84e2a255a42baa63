namespace MetaLoss.Training.Evolution;

/// <summary>
/// The (mu+lambda) self-adaptive ES (<see cref="SelfAdaptiveEvolution"/>) behind the seam: its state
/// is the <see cref="Population"/> of T parents, and each generation scores the parents and one kid each.
/// </summary>
public sealed class MuPlusLambdaStrategy : ISearchStrategy
{
    private readonly EvolutionSettings _settings;
    private readonly ulong _runSeed;

    public MuPlusLambdaStrategy(EvolutionSettings settings, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Validate();
        _runSeed = runSeed;
    }

    public SearchStrategyName Name => SearchStrategyName.MuPlusLambda;

    public int CandidateCount => 2 * _settings.Parents;

    public SearchState Initialize(float[] initialPhi) => SelfAdaptiveEvolution.Initialize(initialPhi, _settings, _runSeed);

    public IReadOnlyList<Genome> Ask(SearchState state) => SelfAdaptiveEvolution.Ask(Parents(state), _settings, _runSeed);

    public Selection Select(SearchState state, IReadOnlyList<double> fitness) => SelfAdaptiveEvolution.Select(Parents(state), fitness);

    public SearchState Tell(SearchState state, IReadOnlyList<Genome> candidates, IReadOnlyList<double> fitness) =>
        SelfAdaptiveEvolution.Tell(Parents(state), candidates, fitness);

    private static Population Parents(SearchState state) =>
        state as Population ?? throw new ArgumentException(
            $"(mu+lambda) needs a population of parents, not a {state?.GetType().Name ?? "null"} state.", nameof(state));
}
