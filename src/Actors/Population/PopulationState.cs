using System.Collections.Immutable;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Population;

/// <summary>
/// The population actor's state, rebuilt by applying events in order. Immutable: Apply returns a
/// new state, and the decision helpers only read. Applying a duplicate or stale episode result
/// returns the same state, so results are idempotent.
/// </summary>
public sealed record PopulationState(
    RunSettings? Settings,
    Training.Evolution.Population? Population,
    IReadOnlyList<Genome>? Candidates,
    ImmutableDictionary<EpisodeKey, EpisodeCompleted> Results,
    ImmutableList<GenerationSummary> History,
    long EpisodesCompleted)
{
    public static PopulationState Empty { get; } =
        new(null, null, null, ImmutableDictionary<EpisodeKey, EpisodeCompleted>.Empty, [], 0);

    public bool Started => Settings is not null;

    public long Generation => Population?.Generation ?? 0;

    public bool Finished => Settings is not null && Generation >= Settings.Generations;

    /// <summary>The run is going and no generation is open: the next one should start.</summary>
    public bool NeedsGenerationStart => Started && !Finished && Candidates is null;

    public bool GenerationComplete => Candidates is not null && Results.Count == Settings!.EpisodesPerGeneration;

    public PopulationState Apply(IPopulationEvent e) => e switch
    {
        // A repeated RunStarted, or GenerationStarted for an open generation, would wipe progress: ignored.
        RunStarted started when !Started => this with
        {
            Settings = started.Settings,
            Population = SelfAdaptiveEvolution.Initialize(started.InitialPhi, started.Settings.Evolution, started.Settings.Seed),
        },
        GenerationStarted generation when Started && generation.Generation == Generation && Candidates is null => this with
        {
            Candidates = generation.Candidates,
            Results = ImmutableDictionary<EpisodeKey, EpisodeCompleted>.Empty,
        },
        EpisodeCompleted result when IsOpen(result.Key) && !Results.ContainsKey(result.Key) => this with
        {
            Results = Results.Add(result.Key, result),
            EpisodesCompleted = EpisodesCompleted + 1,
        },
        GenerationCompleted completed when completed.Generation == Generation && Candidates is not null => this with
        {
            Population = SelfAdaptiveEvolution.Advance(Population!, Candidates, completed.SurvivorIndices),
            Candidates = null,
            Results = ImmutableDictionary<EpisodeKey, EpisodeCompleted>.Empty,
            History = History.Add(new GenerationSummary(completed.Generation, completed.BestFitness,
                completed.MeanFitness, completed.FlaggedEpisodes)),
        },
        _ => this,
    };

    /// <summary>True when the key belongs to the open generation and names a real episode.</summary>
    public bool IsOpen(EpisodeKey key) =>
        Candidates is not null && key.Generation == Generation &&
        key.Candidate >= 0 && key.Candidate < Candidates.Count &&
        key.Episode >= 0 && key.Episode < Settings!.EpisodesPerCandidate;

    public bool Accepts(EpisodeKey key) => IsOpen(key) && !Results.ContainsKey(key);

    /// <summary>Episodes of the open generation without a result, in a fixed order.</summary>
    public IEnumerable<EpisodeKey> PendingEpisodes()
    {
        if (Candidates is null) yield break;
        for (var candidate = 0; candidate < Candidates.Count; candidate++)
        for (var episode = 0; episode < Settings!.EpisodesPerCandidate; episode++)
        {
            var key = new EpisodeKey(Generation, candidate, episode);
            if (!Results.ContainsKey(key)) yield return key;
        }
    }

    public GenerationStarted StartNextGeneration() =>
        new(Generation, SelfAdaptiveEvolution.Ask(Population!, Settings!.Evolution, Settings.Seed));

    /// <summary>
    /// Selection over the candidates' mean episode fitness. Sums run in episode order, not the
    /// dictionary's, so the mean's rounding cannot depend on the order results arrived in.
    /// </summary>
    public GenerationCompleted CompleteGeneration()
    {
        var episodes = Settings!.EpisodesPerCandidate;
        var fitness = Enumerable.Range(0, Candidates!.Count)
            .Select(c => Enumerable.Range(0, episodes).Sum(e => Results[new EpisodeKey(Generation, c, e)].Fitness) / episodes)
            .ToList();
        var selection = SelfAdaptiveEvolution.Select(Population!, fitness);
        var flagged = Results.Values.Count(r => r.Outcome != EpisodeOutcome.Completed);
        return new GenerationCompleted(Generation, selection.SurvivorIndices, selection.BestFitness, selection.MeanFitness, flagged);
    }

    /// <summary>The episode to run for a key: a pure function of the candidate's genome and the seeds.</summary>
    public EpisodeSpec SpecFor(EpisodeKey key)
    {
        var settings = Settings!;
        var seeds = settings.PairedEpisodes
            ? SeedDerivation.ForSharedEpisode(settings.Seed, key.Generation, key.Episode)
            : SeedDerivation.ForEpisode(settings.Seed, key.Generation, key.Candidate, key.Episode);
        return settings.Template with
        {
            Loss = new LossSpec.MetaLoss(settings.Architecture, Candidates![key.Candidate].Phi),
            TaskSeed = seeds.TaskSeed,
            InitSeed = seeds.InitSeed,
        };
    }

    public RunStatus ToStatus() => new(
        Started, Finished, Generation, Settings?.Generations ?? 0, Results.Count,
        Settings?.EpisodesPerGeneration ?? 0, EpisodesCompleted, History, Population?.Parents[0]);
}
