using System.Text.RegularExpressions;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Messages;

/// <summary>
/// Submit a run under <paramref name="Name"/>. Answered at once: <see cref="RunPreparing"/> while a new
/// run's start is prepared (<see cref="GetRunDetail"/> then tells how that ended), <see cref="RunExists"/>
/// when the same name with the same settings exists, or <see cref="SubmitRefused"/>.
/// </summary>
public sealed partial record SubmitRun(string Name, RunSettings Settings, int Priority) : IServiceMessage
{
    public const int DefaultPriority = 1;

    /// <summary>A weight above this is a typo: a run a thousand times another's share is already all of it.</summary>
    public const int MaxPriority = 1000;

    /// <summary>Why the name or priority cannot be used, or null. Settings are checked by <see cref="RunSettings.Validate"/>.</summary>
    public string? Refusal() =>
        !NameSpelling().IsMatch(Name) ? $"run name '{ErrorText.Bounded(Name)}': use 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit"
        : Priority is < 1 or > MaxPriority ? $"priority {Priority}: use a whole number from 1 to {MaxPriority}"
        : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NameSpelling();
}

/// <summary>
/// The run was taken (journaled as <see cref="RunSubmitted"/>) and its start (the datasets'
/// fingerprints, a preflight episode, the initial MLN's fit: seconds, more when busy) is being
/// prepared; it is registered when that is done. Also the answer to <see cref="GetRunDetail"/> meanwhile.
/// </summary>
public sealed record RunPreparing(string Name) : IServiceMessage;

/// <summary>A run of the same name and settings is already registered: submitting it again changes nothing.</summary>
public sealed record RunExists(RunInfo Run) : IServiceMessage;

/// <summary>A submission not taken; <paramref name="Conflict"/> when the name exists with other settings.</summary>
public sealed record SubmitRefused(string Reason, bool Conflict) : IServiceMessage
{
    public string Reason { get; } = ErrorText.Bounded(Reason);
}

/// <summary>Asks for every run the registry knows; answered with <see cref="RunList"/>.</summary>
public sealed record ListRuns : IServiceMessage
{
    public static ListRuns Instance { get; } = new();
}

/// <summary>Every run, in the order they were submitted.</summary>
public sealed record RunList(IReadOnlyList<RunInfo> Runs) : IServiceMessage;

/// <summary>
/// Asks for one run's settings and per-generation history: <see cref="RunDetail"/>, <see cref="RunNotFound"/>,
/// or for a submission not yet registered <see cref="RunPreparing"/>, or the <see cref="SubmitRefused"/> its preparation ended in.
/// </summary>
public sealed record GetRunDetail(string Name) : IServiceMessage;

/// <summary>A run, its settings as submitted, and one summary per finished generation.</summary>
public sealed record RunDetail(RunInfo Run, RunSettings Settings, IReadOnlyList<GenerationSummary> History) : IServiceMessage;

/// <summary>No run has this name.</summary>
public sealed record RunNotFound(string Name) : IServiceMessage;

/// <summary>Pause, resume or cancel a run: answered with its new <see cref="RunInfo"/>, <see cref="RunNotFound"/> or <see cref="ChangeRefused"/>.</summary>
public sealed record ChangeRun(string Name, RunChange Change) : IServiceMessage;

/// <summary>The change does not apply to the run as it stands (e.g. resuming a finished run).</summary>
public sealed record ChangeRefused(string Reason) : IServiceMessage;

/// <summary>Asks for a run's best MLN: <see cref="BestMln"/> or <see cref="RunNotFound"/>.</summary>
public sealed record GetBestMln(string Name) : IServiceMessage;

/// <summary>
/// A run's best MLN so far: the best on the meta-validation set once there is one (with its
/// <paramref name="ValidationScore"/>), else the best parent; <paramref name="Generation"/> is the
/// generation it comes from.
/// </summary>
public sealed record BestMln(string Name, MlnArchitecture Architecture, float[] Phi, long Generation, double? ValidationScore)
    : IServiceMessage;
