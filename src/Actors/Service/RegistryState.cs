using System.Collections.Immutable;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Service;

/// <summary>A run as registered: its name, identity, settings as submitted, weight and state.</summary>
public sealed record RegisteredRun(string Name, RunId Id, RunSettings Settings, int Priority, RunLifecycle State)
{
    public bool Unfinished => State is RunLifecycle.Submitted or RunLifecycle.Running or RunLifecycle.Paused;
}

/// <summary>
/// The run registry's state, rebuilt from its events: the runs in the order they were submitted.
/// Decisions (what a submission or a change means) are pure methods returning the event to persist.
/// </summary>
public sealed record RegistryState(ImmutableList<RegisteredRun> Runs)
{
    public static RegistryState Empty { get; } = new(ImmutableList<RegisteredRun>.Empty);

    public RegisteredRun? Find(string name) => Runs.Find(run => run.Name == name);

    public RegisteredRun? FindByPersistenceId(string persistenceId) => Runs.Find(run => run.Id.PersistenceId == persistenceId);

    public RegistryState Apply(IRegistryEvent e) => e switch
    {
        // Idempotent: an event applied twice (a replay after a partial write) changes nothing more.
        RunRegistered registered when Find(registered.Name) is null =>
            this with { Runs = Runs.Add(new RegisteredRun(registered.Name, registered.Id, registered.Settings, registered.Priority, RunLifecycle.Submitted)) },
        RunRegistered => this,
        RunLifecycleChanged changed when Find(changed.Name) is { } run =>
            this with { Runs = Runs.Replace(run, run with { State = changed.State }) },
        RunLifecycleChanged => this,
        _ => throw new ArgumentException($"not a registry event: {e.GetType().Name}"),
    };

    /// <summary>
    /// What a submission of an existing name means: null when the name is new; otherwise the run
    /// (same settings and priority: idempotent) or why not (a conflict).
    /// </summary>
    public static string? Conflict(RegisteredRun existing, SubmitRun submit) =>
        Conflict(existing.Name, existing.Settings, existing.Priority, submit, "exists");

    /// <summary>As for a registered run, for one submitted under the same name and still being prepared.</summary>
    public static string? Conflict(SubmitRun preparing, SubmitRun submit) =>
        Conflict(preparing.Name, preparing.Settings, preparing.Priority, submit, "is being prepared");

    private static string? Conflict(string name, RunSettings settings, int priority, SubmitRun submit, string standing)
    {
        var differences = settings.Differences(submit.Settings).ToList();
        if (priority != submit.Priority) differences.Add($"priority: registry has {priority}, asked for {submit.Priority}");
        return differences.Count == 0 ? null
            : $"run '{name}' {standing} with other settings: {string.Join("; ", differences)}";
    }

    /// <summary>The event a change makes, or why it does not apply; null event and null reason: nothing to do.</summary>
    public static (RunLifecycleChanged? Event, string? Refusal) Change(RegisteredRun run, RunChange change) => (change, run.State) switch
    {
        (RunChange.Pause, RunLifecycle.Running) => (new RunLifecycleChanged(run.Name, RunLifecycle.Paused), null),
        (RunChange.Pause, RunLifecycle.Paused) => (null, null),
        (RunChange.Pause, RunLifecycle.Submitted) => (null, $"run '{run.Name}' is still starting; pause it once it runs"),
        (RunChange.Resume, RunLifecycle.Paused) => (new RunLifecycleChanged(run.Name, RunLifecycle.Running), null),
        (RunChange.Resume, RunLifecycle.Running or RunLifecycle.Submitted) => (null, null),
        (RunChange.Cancel, RunLifecycle.Submitted or RunLifecycle.Running or RunLifecycle.Paused) => (new RunLifecycleChanged(run.Name, RunLifecycle.Cancelled), null),
        (_, RunLifecycle.Finished) => (null, $"run '{run.Name}' is finished"),
        (_, RunLifecycle.Cancelled) => (null, $"run '{run.Name}' was cancelled; submit it under another name to run it again"),
        _ => (null, $"run '{run.Name}' is {run.State.ToString().ToLowerInvariant()}: it cannot {change.ToString().ToLowerInvariant()}"),
    };
}
