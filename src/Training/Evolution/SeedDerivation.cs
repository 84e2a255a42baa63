using MetaLoss.Training.Randomness;

namespace MetaLoss.Training.Evolution;

/// <summary>
/// The only place episode seeds come from. Each is a pure function of where the episode sits in
/// the run, never of which node ran it or when, so distributed and resumed runs match.
/// </summary>
public static class SeedDerivation
{
    /// <summary>Seeds for episode <paramref name="episodeIndex"/> of one candidate: every candidate sees its own tasks.</summary>
    public static EpisodeSeeds ForEpisode(ulong runSeed, long generation, int candidate, int episodeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentOutOfRangeException.ThrowIfNegative(candidate);
        ArgumentOutOfRangeException.ThrowIfNegative(episodeIndex);
        return new EpisodeSeeds(
            SeedPath.Derive(runSeed, (long)SeedStream.EpisodeTask, generation, candidate, episodeIndex),
            SeedPath.Derive(runSeed, (long)SeedStream.EpisodeInit, generation, candidate, episodeIndex));
    }

    /// <summary>
    /// Seeds for paired scoring: every candidate of a generation gets the same task and the same
    /// classifier initialisation, so fitness differences come from the loss alone.
    /// </summary>
    public static EpisodeSeeds ForSharedEpisode(ulong runSeed, long generation, int episodeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentOutOfRangeException.ThrowIfNegative(episodeIndex);
        return new EpisodeSeeds(
            SeedPath.Derive(runSeed, (long)SeedStream.SharedEpisodeTask, generation, episodeIndex),
            SeedPath.Derive(runSeed, (long)SeedStream.SharedEpisodeInit, generation, episodeIndex));
    }

    /// <summary>Seeds for episode <paramref name="episodeIndex"/> of a meta-test suite; disjoint from all training paths.</summary>
    public static EpisodeSeeds ForTestEpisode(ulong suiteSeed, int episodeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episodeIndex);
        return new EpisodeSeeds(
            SeedPath.Derive(suiteSeed, (long)SeedStream.TestEpisodeTask, episodeIndex),
            SeedPath.Derive(suiteSeed, (long)SeedStream.TestEpisodeInit, episodeIndex));
    }

    /// <summary>
    /// Seeds for episode <paramref name="episodeIndex"/> of a baseline-tuning suite: a stream of its
    /// own, so that tuning never draws the classifier initialisations the meta-test suite uses.
    /// </summary>
    public static EpisodeSeeds ForTuningEpisode(ulong suiteSeed, int episodeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episodeIndex);
        return new EpisodeSeeds(
            SeedPath.Derive(suiteSeed, (long)SeedStream.TuningEpisodeTask, episodeIndex),
            SeedPath.Derive(suiteSeed, (long)SeedStream.TuningEpisodeInit, episodeIndex));
    }

    /// <summary>
    /// Seeds for episode <paramref name="episodeIndex"/> of a run's fixed meta-validation set: the same
    /// in every generation, so candidates from different generations are scored on the same episodes.
    /// </summary>
    public static EpisodeSeeds ForMetaValidationEpisode(ulong runSeed, int episodeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episodeIndex);
        return new EpisodeSeeds(
            SeedPath.Derive(runSeed, (long)SeedStream.MetaValidationEpisodeTask, episodeIndex),
            SeedPath.Derive(runSeed, (long)SeedStream.MetaValidationEpisodeInit, episodeIndex));
    }

    /// <summary>
    /// The seed of the regime (source, steps, sizes, learning rate) of training episode
    /// <paramref name="episodeIndex"/> of a generation: shared by every candidate, paired or not.
    /// </summary>
    public static ulong ForEpisodeRegime(ulong runSeed, long generation, int episodeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentOutOfRangeException.ThrowIfNegative(episodeIndex);
        return SeedPath.Derive(runSeed, (long)SeedStream.EpisodeRegime, generation, episodeIndex);
    }
}
