using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Messages;

/// <summary>A run began with these settings and this initial MLN (warm-started or random), and how
/// close the initial MLN's gradient was to CE's.</summary>
public sealed record RunStarted(RunSettings Settings, float[] InitialPhi, InitialFit? Fit = null) : IPopulationEvent
{
    /// <summary>The run's identity; null in journals from before run ids.</summary>
    public RunId? Run { get; init; }
}

/// <summary>
/// The run was given more generations (a resume asked for more than it had): nothing of a generation
/// depends on how many follow, so the run goes on as one started with <paramref name="Generations"/> would.
/// </summary>
public sealed record RunExtended(int Generations) : IPopulationEvent;

/// <summary>Generation <paramref name="Generation"/> will score these candidates, as the run's strategy asked for them.</summary>
public sealed record GenerationStarted(long Generation, IReadOnlyList<Genome> Candidates) : IPopulationEvent;

/// <summary>One episode's result; persisted once per (generation, candidate, episode).</summary>
public sealed record EpisodeCompleted(long Generation, int Candidate, int Episode, double Fitness, EpisodeOutcome Outcome)
    : IPopulationEvent
{
    public EpisodeKey Key => new(Generation, Candidate, Episode);
}

/// <summary>One meta-validation episode's result for a shortlisted candidate; persisted once per key.</summary>
public sealed record MetaValidationEpisodeCompleted(long Generation, int Candidate, int Episode, double Fitness, EpisodeOutcome Outcome)
    : IPopulationEvent
{
    public EpisodeKey Key => new(Generation, Candidate, Episode, MetaValidation: true);
}

/// <summary>
/// The shortlisted candidates of a generation scored on the meta-validation set: each score is the
/// mean over the set's episodes. The run's best MLN is the best of every candidate so scored.
/// </summary>
public sealed record CandidatesValidated(long Generation, IReadOnlyList<ValidationScore> Scores) : IPopulationEvent;

/// <summary>A candidate's mean fitness on the meta-validation set.</summary>
public sealed record ValidationScore(int Candidate, double Score);

/// <summary>
/// The generation closed: the candidates the strategy kept or recombined, best first ((mu+lambda): the
/// next parents; CMA-ES: the samples that moved the mean). Applying it tells the strategy every
/// candidate's fitness, recomputed from the journaled results, so the indices are a record, not an input.
/// </summary>
public sealed record GenerationCompleted(long Generation, IReadOnlyList<int> SurvivorIndices, double BestFitness,
    double MeanFitness, int FlaggedEpisodes) : IPopulationEvent;
