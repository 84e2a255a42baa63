namespace MetaLoss.Training.Evolution;

/// <summary>
/// First element of every seed path in a run, one per kind of randomness, so no two kinds can
/// share a stream. Persisted runs depend on these numbers: never renumber or reuse one.
/// </summary>
internal enum SeedStream : long
{
    Mutation = 1,
    InitialMutation = 2,
    RandomPhi = 3,
    EpisodeTask = 4,
    EpisodeInit = 5,
    SharedEpisodeTask = 6,
    SharedEpisodeInit = 7,
    TestEpisodeTask = 8,
    TestEpisodeInit = 9,
    TuningEpisodeTask = 10,
    TuningEpisodeInit = 11,
    MetaValidationEpisodeTask = 12,
    MetaValidationEpisodeInit = 13,
    EpisodeRegime = 14,
    CmaEsSample = 15,
}
