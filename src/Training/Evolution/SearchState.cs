namespace MetaLoss.Training.Evolution;

/// <summary>
/// What a search strategy knows between generations. Immutable, and changed only by the strategy's
/// deterministic <see cref="ISearchStrategy.Tell"/>, so replaying the same results rebuilds it bit for bit.
/// </summary>
public abstract record SearchState
{
    /// <summary>Generations told so far: the generation <see cref="ISearchStrategy.Ask"/> makes candidates for.</summary>
    public abstract long Generation { get; }

    /// <summary>The strategy's current best guess at a good MLN, for a run that has not scored one on meta-validation.</summary>
    public abstract Genome BestGuess { get; }
}
