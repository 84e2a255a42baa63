namespace MetaLoss.Actors.Messages;

/// <summary>
/// Where a run stands, pushed to progress subscribers after every result and generation. Bounded
/// whatever the run's length: it carries only the latest generations' summaries
/// (<paramref name="Recent"/>, at most <see cref="RecentLimit"/>, oldest first) and
/// <paramref name="BestFitness"/>, the best generation's best fitness so far (null before the first).
/// The whole history is in the journal, or in a <see cref="RunStatus"/> asked for locally.
/// </summary>
public sealed record ProgressUpdate(
    bool Started,
    bool Finished,
    long Generation,
    int Generations,
    int EpisodesDoneThisGeneration,
    int EpisodesPerGeneration,
    long EpisodesCompleted,
    IReadOnlyList<GenerationSummary> Recent,
    double? BestFitness) : IPopulationMessage
{
    /// <summary>
    /// Enough that a subscriber that missed a few updates (or re-subscribed after the population
    /// moved) still prints every generation's line; 16 summaries are under 1 KB.
    /// </summary>
    public const int RecentLimit = 16;
}
