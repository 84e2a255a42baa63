using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>Leases as a population hands them out, built by hand.</summary>
public static class TestLeases
{
    /// <summary>A lease of one group holding these episodes, in this order.</summary>
    public static WorkLease OneGroup(params EpisodeAssignment[] episodes) => new([new EpisodeGroup(episodes)]);
}
