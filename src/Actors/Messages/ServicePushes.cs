namespace MetaLoss.Actors.Messages;

/// <summary>
/// The sender subscribes to the service's news: at once one <see cref="RunStateChanged"/> per known
/// run, then <see cref="RunGenerationCompleted"/>, <see cref="RunStateChanged"/> and
/// <see cref="NodeChanged"/> as they happen, until the sender stops.
/// </summary>
public sealed record SubscribeService : IServiceMessage
{
    public static SubscribeService Instance { get; } = new();
}

/// <summary>A run finished a generation.</summary>
public sealed record RunGenerationCompleted(string Name, GenerationSummary Summary) : IServiceMessage;

/// <summary>A run's state or progress changed (progress at most a few times a second per run).</summary>
public sealed record RunStateChanged(RunInfo Run) : IServiceMessage;

/// <summary>An evaluator node joined (<paramref name="Joined"/>) or left the cluster; <paramref name="Node"/> is host:port.</summary>
public sealed record NodeChanged(string Node, bool Joined) : IServiceMessage;
