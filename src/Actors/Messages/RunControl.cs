using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Messages;

/// <summary>Start a run, or resume it if the journal already holds one with the same settings.</summary>
public sealed record StartRun(RunSettings Settings, float[] InitialPhi, InitialFit? Fit = null) : IPopulationMessage
{
    /// <summary>
    /// The run the sender means; when set, a population persisting under another run's id refuses it
    /// (a standby that joined the wrong run). Null skips the check (tests, bench).
    /// </summary>
    public RunId? Run { get; init; }
}

public sealed record RunAccepted(bool Resumed, long Generation) : IPopulationMessage;

public sealed record RunRejected(string Reason) : IPopulationMessage;

public sealed record GetRunStatus : IPopulationMessage
{
    public static GetRunStatus Instance { get; } = new();
}

/// <summary>
/// Where a run stands; also pushed to progress subscribers. <paramref name="Best"/> is the run's best
/// MLN: the best on the meta-validation set (<paramref name="BestValidated"/>) once there is one,
/// before that (or without meta-validation) the best parent.
/// </summary>
public sealed record RunStatus(
    bool Started,
    bool Finished,
    long Generation,
    int Generations,
    int EpisodesDoneThisGeneration,
    int EpisodesPerGeneration,
    long EpisodesCompleted,
    IReadOnlyList<GenerationSummary> History,
    Genome? Best,
    ValidatedMln? BestValidated = null) : IPopulationMessage;

/// <summary>
/// Statistics of one finished generation; <paramref name="BestValidationScore"/> is the best
/// meta-validation score of the run so far (null without meta-validation).
/// </summary>
public sealed record GenerationSummary(long Generation, double BestFitness, double MeanFitness, int FlaggedEpisodes,
    double? BestValidationScore = null);

/// <summary>Ask to receive a RunStatus after every result and generation.</summary>
public sealed record SubscribeProgress : IPopulationMessage
{
    public static SubscribeProgress Instance { get; } = new();
}
