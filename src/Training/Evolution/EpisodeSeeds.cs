namespace MetaLoss.Training.Evolution;

/// <summary>The two independent seeds of one episode.</summary>
/// <param name="TaskSeed">Seeds sampling the episode's training and validation sets.</param>
/// <param name="InitSeed">Seeds the classifier's initial weights.</param>
public readonly record struct EpisodeSeeds(ulong TaskSeed, ulong InitSeed);
