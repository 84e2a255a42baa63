using System.Collections.Immutable;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Service;

/// <summary>
/// A run as registered: its name, identity, settings as submitted, weight and state, and why it was
/// refused when its preparation failed.
/// </summary>
public sealed record RegisteredRun(string Name, RunId Id, RunSettings Settings, int Priority, RunLifecycle State, string? Refusal = null)
{
    /// <summary>Prepared and not stopped for good: its population has generations to do.</summary>
    public bool Unfinished => State is RunLifecycle.Submitted or RunLifecycle.Running or RunLifecycle.Paused;

    /// <summary>
    /// Past its preparation, whatever came after (a run cancelled while being prepared too): it has a
    /// population to ask, which has no start if the run never got one.
    /// </summary>
    public bool Registered => State is not (RunLifecycle.Preparing or RunLifecycle.Refused);
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
        RunSubmitted submitted => Find(submitted.Name) switch
        {
            null => this with { Runs = Runs.Add(Preparing(submitted)) },
            // A new submission takes a refused run's place (and its place in the order stays).
            { State: RunLifecycle.Refused } refused when refused.Id != submitted.Id => this with { Runs = Runs.Replace(refused, Preparing(submitted)) },
            _ => this,
        },
        RunRegistered registered => Find(registered.Name) switch
        {
            // Journals from before preparations were journaled register a run in one event.
            null => this with { Runs = Runs.Add(new RegisteredRun(registered.Name, registered.Id, registered.Settings, registered.Priority, RunLifecycle.Submitted)) },
            { State: RunLifecycle.Preparing } run when run.Id == registered.Id => this with { Runs = Runs.Replace(run, run with { State = RunLifecycle.Submitted }) },
            _ => this,
        },
        RunRefused refused when Find(refused.Name) is { State: RunLifecycle.Preparing } run && run.Id == refused.Id =>
            this with { Runs = Runs.Replace(run, run with { State = RunLifecycle.Refused, Refusal = refused.Reason }) },
        RunRefused => this,
        RunLifecycleChanged changed when Find(changed.Name) is { } run =>
            this with { Runs = Runs.Replace(run, run with { State = changed.State }) },
        RunLifecycleChanged => this,
        RunGenerationsRaised raised when Find(raised.Name) is { } run && run.Id == raised.Id && raised.Generations > run.Settings.Generations =>
            this with
            {
                Runs = Runs.Replace(run, run with
                {
                    Settings = run.Settings with { Generations = raised.Generations },
                    State = run.State == RunLifecycle.Finished ? RunLifecycle.Running : run.State,
                }),
            },
        RunGenerationsRaised => this,
        _ => throw new ArgumentException($"not a registry event: {e.GetType().Name}"),
    };

    private static RegisteredRun Preparing(RunSubmitted submitted) =>
        new(submitted.Name, submitted.Id, submitted.Settings, submitted.Priority, RunLifecycle.Preparing);

    /// <summary>
    /// What a submission of an existing name means: null when the name is new; otherwise the run
    /// (same settings and priority: idempotent) or why not (a conflict).
    /// </summary>
    public static string? Conflict(RegisteredRun existing, SubmitRun submit)
    {
        var differences = existing.Settings.Differences(submit.Settings).ToList();
        if (existing.Priority != submit.Priority) differences.Add($"priority: registry has {existing.Priority}, asked for {submit.Priority}");
        var standing = existing.State == RunLifecycle.Preparing ? "is being prepared" : "exists";
        return differences.Count == 0 ? null
            : $"run '{existing.Name}' {standing} with other settings: {string.Join("; ", differences)}";
    }

    /// <summary>
    /// The event that gives <paramref name="existing"/> the submission's larger generation count when
    /// that is all the submission changes (settings and priority otherwise the same); else null. A run
    /// still being prepared, cancelled or refused is not raised: its submission is answered as before.
    /// </summary>
    public static RunGenerationsRaised? Raise(RegisteredRun existing, SubmitRun submit) =>
        existing.State is RunLifecycle.Running or RunLifecycle.Paused or RunLifecycle.Finished
        && submit.Settings.Generations > existing.Settings.Generations
        && Conflict(existing, submit with { Settings = submit.Settings with { Generations = existing.Settings.Generations } }) is null
            ? new RunGenerationsRaised(existing.Name, existing.Id, submit.Settings.Generations)
            : null;

    /// <summary>The event a change makes, or why it does not apply; null event and null reason: nothing to do.</summary>
    public static (RunLifecycleChanged? Event, string? Refusal) Change(RegisteredRun run, RunChange change) => (change, run.State) switch
    {
        (RunChange.Pause, RunLifecycle.Running) => (new RunLifecycleChanged(run.Name, RunLifecycle.Paused), null),
        (RunChange.Pause, RunLifecycle.Paused) => (null, null),
        (RunChange.Pause, RunLifecycle.Preparing) => (null, $"run '{run.Name}' is still being prepared; pause it once it runs"),
        (RunChange.Pause, RunLifecycle.Submitted) => (null, $"run '{run.Name}' is still starting; pause it once it runs"),
        (RunChange.Resume, RunLifecycle.Paused) => (new RunLifecycleChanged(run.Name, RunLifecycle.Running), null),
        (RunChange.Resume, RunLifecycle.Running or RunLifecycle.Submitted or RunLifecycle.Preparing) => (null, null),
        (RunChange.Cancel, RunLifecycle.Preparing or RunLifecycle.Submitted or RunLifecycle.Running or RunLifecycle.Paused) =>
            (new RunLifecycleChanged(run.Name, RunLifecycle.Cancelled), null),
        (_, RunLifecycle.Finished) => (null, $"run '{run.Name}' is finished"),
        (_, RunLifecycle.Cancelled) => (null, $"run '{run.Name}' was cancelled; submit it under another name to run it again"),
        (_, RunLifecycle.Refused) => (null, $"run '{run.Name}' was refused ({run.Refusal}); submit it again with settings that can run"),
        _ => (null, $"run '{run.Name}' is {run.State.ToString().ToLowerInvariant()}: it cannot {change.ToString().ToLowerInvariant()}"),
    };
}
