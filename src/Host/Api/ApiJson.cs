using System.Text.Json.Serialization;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Api;

/// <summary>
/// A run as the API shows it; <see cref="State"/> is the lifecycle in lower case, and a refused run
/// says why in <see cref="Refusal"/> (left out otherwise).
/// </summary>
public sealed record RunJson(
    string Name, string Id, string State, int Priority, long Generation, int Generations, int EpisodesDoneThisGeneration,
    int EpisodesPerGeneration, long EpisodesCompleted, double? BestFitness, double? BestValidationScore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Refusal = null)
{
    public static RunJson From(RunInfo run) =>
        new(run.Name, run.Id.Value, StateName(run.State), run.Priority, run.Generation, run.Generations, run.EpisodesDoneThisGeneration,
            run.EpisodesPerGeneration, run.EpisodesCompleted, run.BestFitness, run.BestValidationScore, run.Refusal);

    public static string StateName(RunLifecycle state) => state.ToString().ToLowerInvariant();
}

/// <summary>A submitted run whose start is still being prepared (202 from POST and GET /api/runs/{name} until it is registered).</summary>
public sealed record PreparingRunJson(string Name, string State)
{
    public const string Preparing = "preparing";

    public static PreparingRunJson Of(string name) => new(name, Preparing);
}

/// <summary>One finished generation (1-based <see cref="Generation"/>, as the CLI prints it); <see cref="Run"/> is set in the event stream.</summary>
public sealed record GenerationJson(long Generation, double BestFitness, double MeanFitness, int Flagged, double? BestValidationScore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Run = null)
{
    public static GenerationJson From(GenerationSummary summary, string? run = null) =>
        new(summary.Generation + 1, summary.BestFitness, summary.MeanFitness, summary.FlaggedEpisodes, summary.BestValidationScore, run);
}

/// <summary>GET /api/runs/{name}: the run, the settings it was submitted with, and its per-generation table.</summary>
public sealed record RunDetailJson(RunJson Run, CreateRunJson Settings, IReadOnlyList<GenerationJson> Generations)
{
    public static RunDetailJson From(RunDetail detail) =>
        new(RunJson.From(detail.Run),
            CreateRunJson.From(new CreateRun(detail.Run.Name, detail.Run.Priority, RunRequest.From(detail.Settings))),
            [.. detail.History.Select(g => GenerationJson.From(g))]);
}

/// <summary>A cluster member and its evaluators; <see cref="EpisodesPerSecond"/> over the time since the previous look.</summary>
public sealed record NodeJson(string Node, string Status, IReadOnlyList<string> Roles, int Slots, int EpisodesInFlight, long EpisodesDone,
    double EpisodesPerSecond);

public sealed record ClusterJson(IReadOnlyList<NodeJson> Nodes);

/// <summary>The `node` event of the stream.</summary>
public sealed record NodeEventJson(string Node, bool Joined);

/// <summary>Every error answer: one line; <see cref="Field"/> names the CreateRun field at fault, when one is.</summary>
public sealed record ErrorJson(string Error, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null);
