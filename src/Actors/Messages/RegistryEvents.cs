namespace MetaLoss.Actors.Messages;

/// <summary>A run was submitted under this name, identity, settings (as submitted) and priority.</summary>
public sealed record RunRegistered(string Name, RunId Id, RunSettings Settings, int Priority) : IRegistryEvent;

/// <summary>A run moved to another state of its life.</summary>
public sealed record RunLifecycleChanged(string Name, RunLifecycle State) : IRegistryEvent;
