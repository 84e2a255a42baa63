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

    /// <summary>
    /// The settings the sender was not told (e.g. evolve without --batch-size): a resumed run keeps
    /// its journaled ones, a new run takes those of <see cref="Settings"/>.
    /// </summary>
    public UnstatedSettings Unstated { get; init; }
}

/// <summary>
/// The run goes on: <paramref name="Settings"/> are the run's own, which for a resumed run include the
/// journaled values of whatever the request left <see cref="StartRun.Unstated"/>.
/// </summary>
public sealed record RunAccepted(bool Resumed, long Generation, RunSettings Settings) : IPopulationMessage;

public sealed record RunRejected(string Reason) : IPopulationMessage;

/// <summary>
/// Ask for a <see cref="RunStatus"/>. An asker in the population's own process gets the whole
/// history; one in another process gets the latest <see cref="RunStatus.RemoteHistoryLimit"/>
/// generations, since a long run's history would not fit a remoting frame.
/// </summary>
public sealed record GetRunStatus : IPopulationMessage
{
    public static GetRunStatus Instance { get; } = new();
}

/// <summary>
/// Where a run stands. <paramref name="Best"/> is the run's best MLN: the best on the
/// meta-validation set (<paramref name="BestValidated"/>) once there is one, before that (or without
/// meta-validation) the best parent. <paramref name="History"/> has one summary per finished
/// generation, or only the latest ones (see <see cref="GetRunStatus"/>).
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
    ValidatedMln? BestValidated = null) : IPopulationMessage
{
    /// <summary>
    /// Generations of history sent to a remote asker (37 bytes each): a run of a few thousand
    /// generations would not fit Akka.Remote's 128 KB frame. A remote asker (`evolve` on a standby
    /// population node) reads the whole history from the journal.
    /// </summary>
    public const int RemoteHistoryLimit = 16;

    /// <summary>True when <see cref="History"/> holds every finished generation, not only the latest.</summary>
    public bool HasFullHistory => History.Count == Generation;

    /// <summary>This status with only the latest <paramref name="generations"/> of its history.</summary>
    public RunStatus WithLatestHistory(int generations) =>
        History.Count <= generations ? this : this with { History = [.. History.Skip(History.Count - generations)] };
}

/// <summary>
/// Statistics of one finished generation; <paramref name="BestValidationScore"/> is the best
/// meta-validation score of the run so far (null without meta-validation).
/// </summary>
public sealed record GenerationSummary(long Generation, double BestFitness, double MeanFitness, int FlaggedEpisodes,
    double? BestValidationScore = null);

/// <summary>Ask to receive a <see cref="ProgressUpdate"/> now and after every result and generation.</summary>
public sealed record SubscribeProgress : IPopulationMessage
{
    public static SubscribeProgress Instance { get; } = new();
}
