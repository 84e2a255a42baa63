using System.Text.Json;
using System.Text.RegularExpressions;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Host.Api;

/// <summary>
/// The body of POST /api/runs: a run's name, its fair-share weight and its <see cref="RunRequest"/>,
/// every field named as `evolve`'s option in camelCase. Read strictly: an unknown or repeated field, a
/// value of the wrong type or out of range is a <see cref="RunRequestException"/> naming the field.
/// </summary>
public sealed partial record CreateRun(string Name, int Priority, RunRequest Run)
{
    public const int DefaultPriority = SubmitRun.DefaultPriority;
    public const int MaxPriority = SubmitRun.MaxPriority;

    private delegate CreateRun Field(CreateRun body, JsonElement value, string name);

    private static readonly IReadOnlyDictionary<string, Field> Fields = new Dictionary<string, Field>(StringComparer.Ordinal)
    {
        ["name"] = (b, v, f) => b with { Name = Text(v, f) },
        ["priority"] = (b, v, f) => b with { Priority = WholeNumber(v, f) },
        ["generations"] = (b, v, f) => b with { Run = b.Run with { Generations = WholeNumber(v, f) } },
        ["population"] = (b, v, f) => b with { Run = b.Run with { Population = WholeNumber(v, f) } },
        ["sigma"] = (b, v, f) => b with { Run = b.Run with { Sigma = Single(v, f) } },
        ["seed"] = (b, v, f) => b with { Run = b.Run with { Seed = Seed(v, f) } },
        ["episodesPerCandidate"] = (b, v, f) => b with { Run = b.Run with { EpisodesPerCandidate = WholeNumber(v, f) } },
        ["unpaired"] = (b, v, f) => b with { Run = b.Run with { Unpaired = Boolean(v, f) } },
        ["init"] = (b, v, f) => b with { Run = b.Run with { Init = RunRequest.ParseInit(Text(v, f)) ?? throw new RunRequestException(f, $"{f}: unknown '{v.GetString()}'; use {RunRequest.InitChoices}") } },
        ["validationEpisodes"] = (b, v, f) => b with { Run = b.Run with { ValidationEpisodes = WholeNumber(v, f) } },
        ["validationTop"] = (b, v, f) => b with { Run = b.Run with { ValidationTop = WholeNumber(v, f) } },
        ["lr"] = (b, v, f) => b with { Run = b.Run with { Lr = Number(v, f) } },
        ["perClass"] = (b, v, f) => b with { Run = b.Run with { PerClass = WholeNumber(v, f) } },
        ["validationSize"] = (b, v, f) => b with { Run = b.Run with { ValidationSize = WholeNumber(v, f) } },
        ["hidden1"] = (b, v, f) => b with { Run = b.Run with { Hidden1 = WholeNumber(v, f) } },
        ["hidden2"] = (b, v, f) => b with { Run = b.Run with { Hidden2 = WholeNumber(v, f) } },
        ["steps"] = (b, v, f) => b with { Run = b.Run with { Steps = WholeNumber(v, f) } },
        ["batchSize"] = (b, v, f) => b with { Run = b.Run with { BatchSize = WholeNumber(v, f) } },
        ["tasks"] = (b, v, f) => b with { Run = b.Run with { Tasks = Text(v, f) } },
        ["taskSteps"] = (b, v, f) => b with { Run = b.Run with { TaskSteps = Text(v, f) } },
        ["taskPerClass"] = (b, v, f) => b with { Run = b.Run with { TaskPerClass = Text(v, f) } },
        ["taskHidden1"] = (b, v, f) => b with { Run = b.Run with { TaskHidden1 = Text(v, f) } },
        ["taskHidden2"] = (b, v, f) => b with { Run = b.Run with { TaskHidden2 = Text(v, f) } },
        ["taskLr"] = (b, v, f) => b with { Run = b.Run with { TaskLr = Text(v, f) } },
        ["taskClasses"] = (b, v, f) => b with { Run = b.Run with { TaskClasses = Text(v, f) } },
        ["progressInput"] = (b, v, f) => b with { Run = b.Run with { ProgressInput = Boolean(v, f) } },
        ["strategy"] = (b, v, f) => b with { Run = b.Run with { Strategy = SearchStrategyNames.Parse(Text(v, f)) ?? throw new RunRequestException(f, $"{f}: unknown '{v.GetString()}'; use {SearchStrategyNames.Choices}") } },
    };

    public static IReadOnlyCollection<string> FieldNames => Fields.Keys.ToList();

    /// <summary>A run name: lower-case letters, digits and dashes, as in a URL path.</summary>
    public static void CheckName(string name)
    {
        if (!NameSpelling().IsMatch(name))
            throw new RunRequestException("name", $"name '{name}': 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit");
    }

    public static CreateRun Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new RunRequestException("", $"the body must be a JSON object, not {body.ValueKind.ToString().ToLowerInvariant()}");
        var parsed = new CreateRun("", DefaultPriority, RunRequest.Default);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!Fields.TryGetValue(property.Name, out var field))
                throw new RunRequestException(property.Name, $"unknown field '{property.Name}'; known fields: {string.Join(", ", Fields.Keys)}");
            if (!seen.Add(property.Name)) throw new RunRequestException(property.Name, $"{property.Name} is given twice");
            // null keeps the default, as leaving the field out does.
            if (property.Value.ValueKind != JsonValueKind.Null) parsed = field(parsed, property.Value, property.Name);
        }
        if (!seen.Contains("name") || parsed.Name.Length == 0) throw new RunRequestException("name", "name is required");
        parsed.Check();
        return parsed;
    }

    /// <summary>Checks the name, the priority and the run's settings (the first bad field is a <see cref="RunRequestException"/>).</summary>
    public void Check()
    {
        CheckName(Name);
        if (Priority is < 1 or > MaxPriority) throw new RunRequestException("priority", $"priority must be between 1 and {MaxPriority}, got {Priority}");
        Run.ToSettings();
    }

    private static string Text(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(field, "a string");

    private static int WholeNumber(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw WrongType(field, "a whole number");

    private static ulong Seed(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number) ? number : throw WrongType(field, $"a whole number from 0 to {ulong.MaxValue}");

    // Read from the JSON text as a float, as the CLI reads --sigma: no detour through double.
    private static float Single(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var number) && float.IsFinite(number) ? number : throw WrongType(field, "a number");

    private static double Number(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : throw WrongType(field, "a number");

    private static bool Boolean(JsonElement value, string field) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw WrongType(field, "true or false");

    private static RunRequestException WrongType(string field, string expected) => new(field, $"{field} must be {expected}");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NameSpelling();
}
