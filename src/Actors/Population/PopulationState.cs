using System.Collections.Immutable;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Actors.Population;

/// <summary>
/// The population actor's state, rebuilt by applying events in order. Immutable: Apply returns a
/// new state, and the decision helpers only read. Applying a duplicate or stale episode result
/// returns the same state, so results are idempotent.
/// A generation runs its candidates' training episodes, then (with meta-validation) re-scores its
/// shortlist on the run's fixed meta-validation set, then closes by telling the run's search strategy
/// every candidate's fitness, recomputed from the journaled results: the strategy's state is a pure
/// function of the events, whichever strategy the run uses.
/// </summary>
public sealed partial record PopulationState(
    RunSettings? Settings,
    SearchState? Search,
    IReadOnlyList<Genome>? Candidates,
    ImmutableDictionary<EpisodeKey, EpisodeCompleted> Results,
    ImmutableList<GenerationSummary> History,
    long EpisodesCompleted)
{
    public static PopulationState Empty { get; } =
        new(null, null, null, ImmutableDictionary<EpisodeKey, EpisodeCompleted>.Empty, [], 0);

    /// <summary>The open generation's meta-validation results.</summary>
    public ImmutableDictionary<EpisodeKey, MetaValidationEpisodeCompleted> ValidationResults { get; init; } =
        ImmutableDictionary<EpisodeKey, MetaValidationEpisodeCompleted>.Empty;

    /// <summary>Every candidate scored on the meta-validation set so far, in the order they were.</summary>
    public ImmutableList<ValidatedMln> Validated { get; init; } = [];

    /// <summary>The (mu+lambda) strategy's parents; null before the run starts or under another strategy.</summary>
    public Training.Evolution.Population? Population => Search as Training.Evolution.Population;

    public bool Started => Settings is not null;

    public long Generation => Search?.Generation ?? 0;

    public bool Finished => Settings is not null && Generation >= Settings.Generations;

    /// <summary>The run is going and no generation is open: the next one should start.</summary>
    public bool NeedsGenerationStart => Started && !Finished && Candidates is null;

    /// <summary>Every training episode of the open generation has its result.</summary>
    public bool TrainingComplete => Candidates is not null && Results.Count == Settings!.EpisodesPerGeneration;

    /// <summary>The shortlist has all its meta-validation results: their scores should be recorded.</summary>
    public bool ValidationDue
    {
        get
        {
            var shortlist = Shortlist();
            return shortlist.Count > 0 && ValidationKeys(shortlist).All(ValidationResults.ContainsKey);
        }
    }

    /// <summary>Training is done and nothing is left to validate: selection can close the generation.</summary>
    public bool GenerationComplete => TrainingComplete && Shortlist().Count == 0;

    /// <summary>The best candidate on the meta-validation set so far (the first of equals), or null.</summary>
    public ValidatedMln? BestValidated =>
        Validated.Aggregate((ValidatedMln?)null, (best, v) => best is null || v.Score > best.Score ? v : best);

    public PopulationState Apply(IPopulationEvent e) => e switch
    {
        // A repeated RunStarted, or GenerationStarted for an open generation, would wipe progress: ignored.
        RunStarted started when !Started => this with
        {
            Settings = started.Settings,
            Search = started.Settings.SearchStrategy().Initialize(started.InitialPhi),
        },
        // Never fewer: a generation already run cannot be undone.
        RunExtended extended when Started && extended.Generations > Settings!.Generations => this with
        {
            Settings = Settings with { Generations = extended.Generations },
        },
        GenerationStarted generation when Started && generation.Generation == Generation && Candidates is null => this with
        {
            Candidates = generation.Candidates,
            Results = ImmutableDictionary<EpisodeKey, EpisodeCompleted>.Empty,
            ValidationResults = ImmutableDictionary<EpisodeKey, MetaValidationEpisodeCompleted>.Empty,
        },
        EpisodeCompleted result when Accepts(result.Key) => this with
        {
            Results = Results.Add(result.Key, result),
            EpisodesCompleted = EpisodesCompleted + 1,
        },
        MetaValidationEpisodeCompleted result when Accepts(result.Key) => this with
        {
            ValidationResults = ValidationResults.Add(result.Key, result),
            EpisodesCompleted = EpisodesCompleted + 1,
        },
        CandidatesValidated validated when validated.Generation == Generation && TrainingComplete => this with
        {
            Validated = validated.Scores.Aggregate(Validated, (list, s) =>
                s.Candidate >= 0 && s.Candidate < Candidates!.Count && !IsValidated(list, Candidates[s.Candidate])
                    ? list.Add(new ValidatedMln(Generation, s.Candidate, Candidates[s.Candidate], s.Score))
                    : list),
        },
        GenerationCompleted completed when completed.Generation == Generation && TrainingComplete => this with
        {
            Search = Settings!.SearchStrategy().Tell(Search!, Candidates!, CandidateFitness()),
            Candidates = null,
            Results = ImmutableDictionary<EpisodeKey, EpisodeCompleted>.Empty,
            ValidationResults = ImmutableDictionary<EpisodeKey, MetaValidationEpisodeCompleted>.Empty,
            History = History.Add(new GenerationSummary(completed.Generation, completed.BestFitness,
                completed.MeanFitness, completed.FlaggedEpisodes, BestValidated?.Score)),
        },
        _ => this,
    };

    /// <summary>
    /// True when the key names a real episode of the open generation: a training episode, or a
    /// meta-validation episode of a shortlisted candidate once training is done.
    /// </summary>
    public bool IsOpen(EpisodeKey key)
    {
        if (Candidates is null || key.Generation != Generation || key.Candidate < 0 || key.Candidate >= Candidates.Count || key.Episode < 0)
            return false;
        return key.MetaValidation
            ? key.Episode < Settings!.MetaValidation.Episodes && Shortlist().Contains(key.Candidate)
            : key.Episode < Settings!.EpisodesPerCandidate;
    }

    public bool Accepts(EpisodeKey key) =>
        IsOpen(key) && !(key.MetaValidation ? ValidationResults.ContainsKey(key) : Results.ContainsKey(key));

    /// <summary>Episodes of the open generation without a result, in a fixed order: training, then meta-validation.</summary>
    public IEnumerable<EpisodeKey> PendingEpisodes()
    {
        if (Candidates is null) yield break;
        for (var candidate = 0; candidate < Candidates.Count; candidate++)
        for (var episode = 0; episode < Settings!.EpisodesPerCandidate; episode++)
        {
            var key = new EpisodeKey(Generation, candidate, episode);
            if (!Results.ContainsKey(key)) yield return key;
        }
        foreach (var key in ValidationKeys(Shortlist()))
        {
            if (!ValidationResults.ContainsKey(key)) yield return key;
        }
    }

    /// <summary>
    /// The open generation's candidates to score on the meta-validation set, once its training
    /// episodes are done: the best few by fitness, less any scored before (a surviving parent keeps
    /// its score, since the set never changes). Empty again once their scores are recorded.
    /// </summary>
    public IReadOnlyList<int> Shortlist()
    {
        var validation = Settings?.MetaValidation;
        if (validation is null || !validation.Enabled || !TrainingComplete) return [];
        var fitness = CandidateFitness();
        return Enumerable.Range(0, Candidates!.Count)
            .OrderByDescending(c => fitness[c]).ThenBy(c => c)
            .Take(validation.TopCandidates)
            .Where(c => !IsValidated(Validated, Candidates[c]))
            .ToList();
    }

    private static bool IsValidated(ImmutableList<ValidatedMln> validated, Genome candidate) =>
        validated.Any(v => v.Genome.Phi.AsSpan().SequenceEqual(candidate.Phi));

    private IEnumerable<EpisodeKey> ValidationKeys(IReadOnlyList<int> shortlist) =>
        shortlist.SelectMany(c => Enumerable.Range(0, Settings!.MetaValidation.Episodes)
            .Select(e => new EpisodeKey(Generation, c, e, MetaValidation: true)));

    /// <summary>Each candidate's mean training-episode fitness, summed in episode order so arrival order cannot change rounding.</summary>
    private List<double> CandidateFitness()
    {
        var episodes = Settings!.EpisodesPerCandidate;
        return Enumerable.Range(0, Candidates!.Count)
            .Select(c => Enumerable.Range(0, episodes).Sum(e => Results[new EpisodeKey(Generation, c, e)].Fitness) / episodes)
            .ToList();
    }

    public GenerationStarted StartNextGeneration() => new(Generation, Settings!.SearchStrategy().Ask(Search!));

    /// <summary>The shortlist's meta-validation scores: each a mean over the set, in episode order.</summary>
    public CandidatesValidated CompleteValidation()
    {
        var episodes = Settings!.MetaValidation.Episodes;
        var scores = Shortlist()
            .Select(c => new ValidationScore(c, Enumerable.Range(0, episodes)
                .Sum(e => ValidationResults[new EpisodeKey(Generation, c, e, MetaValidation: true)].Fitness) / episodes))
            .ToList();
        return new CandidatesValidated(Generation, scores);
    }

    /// <summary>The strategy's reading of the candidates' mean episode fitness (meta-validation scores do not select).</summary>
    public GenerationCompleted CompleteGeneration()
    {
        var selection = Settings!.SearchStrategy().Select(Search!, CandidateFitness());
        var flagged = Results.Values.Count(r => r.Outcome != EpisodeOutcome.Completed);
        return new GenerationCompleted(Generation, selection.SurvivorIndices, selection.BestFitness, selection.MeanFitness, flagged);
    }

    /// <summary>
    /// The episode to run for a key: a pure function of the candidate's genome and the seeds. A
    /// training episode takes the regime its (generation, episode index) draws from the run's task
    /// distribution; a meta-validation episode draws from the held-out data with the run's fixed
    /// validation seeds, at the template's regime.
    /// </summary>
    public EpisodeSpec SpecFor(EpisodeKey key)
    {
        var settings = Settings!;
        var seeds = key.MetaValidation ? SeedDerivation.ForMetaValidationEpisode(settings.Seed, key.Episode)
            : settings.PairedEpisodes ? SeedDerivation.ForSharedEpisode(settings.Seed, key.Generation, key.Episode)
            : SeedDerivation.ForEpisode(settings.Seed, key.Generation, key.Candidate, key.Episode);
        var regime = key.MetaValidation
            ? settings.Template with { Dataset = settings.MetaValidation.Dataset }
            : settings.Tasks.Regime(settings.Template, settings.Seed, key.Generation, key.Episode);
        return regime with
        {
            Loss = new LossSpec.MetaLoss(settings.Architecture, Candidates![key.Candidate].Phi),
            TaskSeed = seeds.TaskSeed,
            InitSeed = seeds.InitSeed,
        };
    }

    /// <summary>The status; this generation's episode count grows by its meta-validation episodes once they are known.</summary>
    public RunStatus ToStatus()
    {
        var best = BestValidated;
        return new RunStatus(Started, Finished, Generation, Settings?.Generations ?? 0,
            Results.Count + ValidationResults.Count, EpisodesThisGeneration,
            EpisodesCompleted, History, best?.Genome ?? Search?.BestGuess, best);
    }

    /// <summary>The bounded progress pushed to subscribers: counts and the latest generations only.</summary>
    public ProgressUpdate ToProgress() => new(Started, Finished, Generation, Settings?.Generations ?? 0,
        Results.Count + ValidationResults.Count, EpisodesThisGeneration, EpisodesCompleted,
        [.. History.Skip(Math.Max(0, History.Count - ProgressUpdate.RecentLimit))],
        History.IsEmpty ? null : History.Max(h => h.BestFitness));

    private int EpisodesThisGeneration =>
        (Settings?.EpisodesPerGeneration ?? 0) + Math.Max(ValidationResults.Count, Shortlist().Count * (Settings?.MetaValidation.Episodes ?? 0));
}
