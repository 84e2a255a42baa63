using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Population;

/// <summary>The open generation's plan of groups (<see cref="GroupPlan"/>), and which of them still miss results.</summary>
public sealed partial record PopulationState
{
    /// <summary>
    /// The open generation's groups: its training episodes, then (once training is done) its
    /// shortlist's meta-validation episodes. The shortlist is a function of the training results,
    /// which are themselves deterministic, so the whole plan is.
    /// </summary>
    public IReadOnlyList<PlannedGroup> PlannedGroups()
    {
        if (Candidates is null) return [];
        var settings = Settings!;
        return
        [
            .. TrainingGroups(settings),
            .. GroupPlan.Cut(Generation, metaValidation: true, [.. ValidationKeys(Shortlist())], settings.BatchSize),
        ];
    }

    /// <summary>Candidate-major for a run on one regime (as journaled before distributions, so those resume bit-identical); episode-major when regimes vary.</summary>
    private IReadOnlyList<PlannedGroup> TrainingGroups(RunSettings settings)
    {
        if (settings.Tasks.Varies) return GroupPlan.CutByEpisode(Generation, Candidates!.Count, settings.EpisodesPerCandidate, settings.BatchSize);
        var training = Enumerable.Range(0, Candidates!.Count)
            .SelectMany(candidate => Enumerable.Range(0, settings.EpisodesPerCandidate).Select(episode => new EpisodeKey(Generation, candidate, episode)))
            .ToList();
        return GroupPlan.Cut(Generation, metaValidation: false, training, settings.BatchSize);
    }

    /// <summary>Groups with at least one episode still without a result, in plan order; a partly done group is computed whole again.</summary>
    public IEnumerable<PlannedGroup> PendingGroups() => PlannedGroups().Where(group => !group.Episodes.All(HasResult));

    /// <summary>A planned group as leased: each episode with its spec, in plan order.</summary>
    public EpisodeGroup Assign(PlannedGroup group) => new([.. group.Episodes.Select(key => new EpisodeAssignment(key, SpecFor(key)))]);

    public bool HasResult(EpisodeKey key) => key.MetaValidation ? ValidationResults.ContainsKey(key) : Results.ContainsKey(key);

    /// <summary>The persisted result of an episode of the open generation, or null.</summary>
    public (double Fitness, EpisodeOutcome Outcome)? PersistedResult(EpisodeKey key) =>
        key.MetaValidation
            ? ValidationResults.TryGetValue(key, out var validation) ? (validation.Fitness, validation.Outcome) : null
            : Results.TryGetValue(key, out var training) ? (training.Fitness, training.Outcome) : null;
}
