using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Population;

/// <summary>
/// A group that was partly done (its evaluator died, or the population restarted) is computed whole
/// again, so its members get the same bits as the first time; the results already persisted are kept,
/// and each recomputed one must equal them bit for bit. One that does not shows that a result depends
/// on more than its group (or a forged result); the persisted one stays either way.
/// </summary>
public static class RecomputedResult
{
    /// <summary>How the result differs from the persisted one, or null when it is the same (or nothing is persisted).</summary>
    public static string? Difference(EpisodeFinished result, PopulationState state) =>
        state.PersistedResult(result.Key) is var (fitness, outcome) &&
        (BitConverter.DoubleToInt64Bits(fitness) != BitConverter.DoubleToInt64Bits(result.Fitness) || outcome != result.Outcome)
            ? $"recomputed as {result.Fitness:R} ({result.Outcome}), but {fitness:R} ({outcome}) is persisted"
            : null;
}
