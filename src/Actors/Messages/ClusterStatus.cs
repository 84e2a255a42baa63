namespace MetaLoss.Actors.Messages;

/// <summary>Asks the population which evaluators it knows, by node. Live only: nothing here is persisted.</summary>
public sealed record GetEvaluators : IPopulationMessage
{
    public static GetEvaluators Instance { get; } = new();
}

/// <summary>The evaluators of each node, as the current population incarnation has seen them.</summary>
public sealed record EvaluatorsByNode(IReadOnlyList<NodeEvaluators> Nodes) : IPopulationMessage;

/// <summary>
/// One node's evaluators: how many slots asked for work, how many episodes they hold now, and how
/// many results they delivered since the population last started (a hand-over starts it again).
/// </summary>
public sealed record NodeEvaluators(string Node, int Slots, int EpisodesInFlight, long EpisodesDone);

/// <summary>Asks any clustered MetaLoss process for the cluster as it sees it.</summary>
public sealed record GetClusterStatus : IPopulationMessage
{
    public static GetClusterStatus Instance { get; } = new();
}

/// <summary>The cluster's members, and the population's view of their evaluators (null if it did not answer).</summary>
public sealed record ClusterStatus(IReadOnlyList<ClusterMember> Members, IReadOnlyList<NodeEvaluators>? Evaluators)
    : IPopulationMessage;

/// <summary>A cluster member: its host:port, membership status (Up, Leaving, ...) and roles.</summary>
public sealed record ClusterMember(string Node, string Status, IReadOnlyList<string> Roles);
