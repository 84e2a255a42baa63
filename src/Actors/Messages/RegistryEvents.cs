namespace MetaLoss.Actors.Messages;

/// <summary>
/// A run was taken under this name, identity, settings (as submitted) and priority, and its start is
/// being prepared. Journaled before the preparation, so a restart meanwhile prepares it again.
/// </summary>
public sealed record RunSubmitted(string Name, RunId Id, RunSettings Settings, int Priority) : IRegistryEvent;

/// <summary>
/// The run's start was prepared and it is registered: its population may start. Journals written
/// before preparations were journaled have this event alone.
/// </summary>
public sealed record RunRegistered(string Name, RunId Id, RunSettings Settings, int Priority) : IRegistryEvent;

/// <summary>The run's preparation failed: it cannot run as submitted. A new submission under the name replaces it.</summary>
public sealed record RunRefused(string Name, RunId Id, string Reason) : IRegistryEvent
{
    public string Reason { get; } = ErrorText.Bounded(Reason);
}

/// <summary>A run moved to another state of its life.</summary>
public sealed record RunLifecycleChanged(string Name, RunLifecycle State) : IRegistryEvent;

/// <summary>
/// A registered run was given more generations (submitted again with more, and otherwise the same):
/// it goes on as a run started with <paramref name="Generations"/>, and a finished one runs again.
/// </summary>
public sealed record RunGenerationsRaised(string Name, RunId Id, int Generations) : IRegistryEvent;
