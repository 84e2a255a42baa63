namespace MetaLoss.Actors.Messages;

/// <summary>Marker for the service's messages: the run registry's requests, answers and pushes, and its scheduler's.</summary>
public interface IServiceMessage;

/// <summary>Marker for the events the run registry persists.</summary>
public interface IRegistryEvent;

/// <summary>Where a run of the service stands in its life; persisted by the run registry.</summary>
public enum RunLifecycle
{
    /// <summary>Taken; its start (data check, preflight episode, initial MLN) is being prepared.</summary>
    Preparing,

    /// <summary>Registered; its population has not yet journaled its start.</summary>
    Submitted,

    /// <summary>Its population runs and the scheduler leases its episodes.</summary>
    Running,

    /// <summary>No new leases; results already leased still count. Resume makes it Running again.</summary>
    Paused,

    /// <summary>Stopped for good before its last generation.</summary>
    Cancelled,

    /// <summary>Every generation done.</summary>
    Finished,

    /// <summary>Its preparation failed (e.g. its data cannot give its episodes); it never ran.</summary>
    Refused,
}

/// <summary>What a user may do to a run.</summary>
public enum RunChange
{
    Pause,
    Resume,
    Cancel,
}

/// <summary>
/// One run of the service as the registry sees it: its name, identity, state, weight in the fair
/// share (<paramref name="Priority"/>) and latest progress; for a refused run, why (<paramref name="Refusal"/>).
/// </summary>
public sealed record RunInfo(
    string Name,
    RunId Id,
    RunLifecycle State,
    int Priority,
    long Generation,
    int Generations,
    int EpisodesDoneThisGeneration,
    int EpisodesPerGeneration,
    long EpisodesCompleted,
    double? BestFitness,
    double? BestValidationScore,
    string? Refusal = null) : IServiceMessage;
