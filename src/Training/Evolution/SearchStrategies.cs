namespace MetaLoss.Training.Evolution;

/// <summary>
/// The one place a <see cref="SearchStrategyName"/> becomes a strategy. Both strategies score 2T
/// candidates a generation (T = <see cref="EvolutionSettings.Parents"/>): (mu+lambda) its T parents
/// and T kids, CMA-ES its mean and 2T - 1 samples, so `--population` buys the same episodes either way.
/// </summary>
public static class SearchStrategies
{
    public static ISearchStrategy Create(SearchStrategyName name, EvolutionSettings settings, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return name switch
        {
            SearchStrategyName.MuPlusLambda => new MuPlusLambdaStrategy(settings, runSeed),
            // Validate caps Parents at int.MaxValue / 2, so 2T fits an int.
            SearchStrategyName.CmaEs => new SeparableCmaEs(settings, runSeed, (int)CandidateCount(name, settings)),
            _ => throw new ArgumentException($"No search strategy is named {name}.", nameof(name)),
        };
    }

    /// <summary>Candidates a generation scores, as a long so that a huge population cannot overflow before it is refused.</summary>
    public static long CandidateCount(SearchStrategyName name, EvolutionSettings settings) => name switch
    {
        SearchStrategyName.MuPlusLambda or SearchStrategyName.CmaEs => 2L * settings.Parents,
        _ => throw new ArgumentException($"No search strategy is named {name}.", nameof(name)),
    };

    /// <summary>One line for status output and reports.</summary>
    public static string Describe(SearchStrategyName name, EvolutionSettings settings) => name switch
    {
        SearchStrategyName.CmaEs => $"separable CMA-ES: the mean and {2L * settings.Parents - 1} samples a generation, the best {Math.Max(1, (2L * settings.Parents - 1) / 2)} recombined",
        _ => $"(mu+lambda): {settings.Parents} parents and {settings.Parents} kids a generation",
    };
}
