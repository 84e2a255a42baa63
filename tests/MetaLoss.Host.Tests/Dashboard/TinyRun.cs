using System.Text.Json.Nodes;

namespace MetaLoss.Host.Tests.Dashboard;

/// <summary>The API's CreateRun body for a run as small as <see cref="SmallRun"/>'s.</summary>
public static class TinyRun
{
    /// <summary>The episode settings that keep a run tiny, as the dashboard's "other settings" box takes them.</summary>
    public static readonly string EpisodeSettingsJson =
        $$"""{"episodesPerCandidate": {{SmallRun.EpisodesPerCandidate}}, "perClass": 2, "validationSize": 60, "hidden1": 16, "hidden2": 16, "steps": 3}""";

    public static JsonObject Body(string name, int generations, int seed)
    {
        var body = JsonNode.Parse(EpisodeSettingsJson)!.AsObject();
        body["name"] = name;
        body["generations"] = generations;
        body["population"] = SmallRun.Parents;
        body["seed"] = seed;
        body["priority"] = 1;
        return body;
    }
}
