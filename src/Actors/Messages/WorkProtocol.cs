using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Messages;

/// <summary>
/// An evaluator asks for up to <paramref name="MaxEpisodes"/> episodes: it gets whole groups, as many
/// as fit, and at least one.
/// </summary>
public sealed record RequestWork(int MaxEpisodes) : IPopulationMessage;

/// <summary>Groups of episodes leased to the asking evaluator until it answers, dies or the lease expires.</summary>
public sealed record WorkLease(IReadOnlyList<EpisodeGroup> Groups) : IPopulationMessage
{
    /// <summary>The run's dataset fingerprints: an evaluator with other data must not run the episodes.</summary>
    public IReadOnlyList<DatasetFingerprint> Data { get; init; } = [];

    /// <summary>Every leased episode, group by group.</summary>
    public IReadOnlyList<EpisodeAssignment> Episodes => [.. Groups.SelectMany(group => group.Episodes)];
}

/// <summary>
/// Episodes of the run's plan that are always computed together, as one batch in this order, so
/// that each member's result is the same whoever computes the group, and whenever.
/// </summary>
public sealed record EpisodeGroup
{
    public EpisodeGroup(IReadOnlyList<EpisodeAssignment> episodes) =>
        Episodes = episodes.Count > 0 ? episodes : throw new ArgumentException("a group holds at least one episode");

    public IReadOnlyList<EpisodeAssignment> Episodes { get; }
}

/// <summary>One leased episode and everything needed to run it.</summary>
public sealed record EpisodeAssignment(EpisodeKey Key, EpisodeSpec Spec);

/// <summary>Nothing to lease now (the generation's remaining episodes are all out); ask again later.</summary>
public sealed record NoWorkAvailable(bool RunFinished) : IPopulationMessage;

/// <summary>An evaluator's result for a leased episode.</summary>
public sealed record EpisodeFinished(EpisodeKey Key, double Fitness, EpisodeOutcome Outcome) : IPopulationMessage;

/// <summary>
/// An evaluator's results for one leased group, in the group's order: the population journals them
/// in one write, where one message per result would cost one journal write (a SQLite transaction) each.
/// </summary>
public sealed record GroupFinished(IReadOnlyList<EpisodeFinished> Results) : IPopulationMessage;

/// <summary>An evaluator lost its work (it is restarting): put its leases back in the queue.</summary>
public sealed record ReleaseLeases : IPopulationMessage
{
    public static ReleaseLeases Instance { get; } = new();
}
