using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Messages;

/// <summary>Start a run, or resume it if the journal already holds one with the same settings.</summary>
public sealed record StartRun(RunSettings Settings, float[] InitialPhi, InitialFit? Fit = null) : IPopulationMessage;

public sealed record RunAccepted(bool Resumed, long Generation) : IPopulationMessage;

public sealed record RunRejected(string Reason) : IPopulationMessage;

public sealed record GetRunStatus : IPopulationMessage
{
    public static GetRunStatus Instance { get; } = new();
}

/// <summary>Where a run stands; also pushed to progress subscribers.</summary>
public sealed record RunStatus(
    bool Started,
    bool Finished,
    long Generation,
    int Generations,
    int EpisodesDoneThisGeneration,
    int EpisodesPerGeneration,
    long EpisodesCompleted,
    IReadOnlyList<GenerationSummary> History,
    Genome? Best) : IPopulationMessage;

/// <summary>Statistics of one finished generation.</summary>
public sealed record GenerationSummary(long Generation, double BestFitness, double MeanFitness, int FlaggedEpisodes);

/// <summary>Ask to receive a RunStatus after every result and generation.</summary>
public sealed record SubscribeProgress : IPopulationMessage
{
    public static SubscribeProgress Instance { get; } = new();
}
