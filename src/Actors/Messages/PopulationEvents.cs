using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Actors.Messages;

/// <summary>A run began with these settings and this initial MLN (warm-started or random), and how
/// close the initial MLN's gradient was to CE's.</summary>
public sealed record RunStarted(RunSettings Settings, float[] InitialPhi, InitialFit? Fit = null) : IPopulationEvent;

/// <summary>Generation <paramref name="Generation"/> will score these 2T candidates (parents first).</summary>
public sealed record GenerationStarted(long Generation, IReadOnlyList<Genome> Candidates) : IPopulationEvent;

/// <summary>One episode's result; persisted once per (generation, candidate, episode).</summary>
public sealed record EpisodeCompleted(long Generation, int Candidate, int Episode, double Fitness, EpisodeOutcome Outcome)
    : IPopulationEvent
{
    public EpisodeKey Key => new(Generation, Candidate, Episode);
}

/// <summary>Selection made: these candidates survive as the next generation's parents, best first.</summary>
public sealed record GenerationCompleted(long Generation, IReadOnlyList<int> SurvivorIndices, double BestFitness,
    double MeanFitness, int FlaggedEpisodes) : IPopulationEvent;
