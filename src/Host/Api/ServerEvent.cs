using System.Text.Json;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Api;

/// <summary>One Server-Sent Event: its type (`run`, `generation`, `node`) and its JSON data on one line.</summary>
public sealed record ServerEvent(string Type, string Data)
{
    /// <summary>The event for a push of the run registry, or null for a message the stream does not show.</summary>
    public static ServerEvent? From(object push, JsonSerializerOptions json) => push switch
    {
        RunStateChanged changed => new ServerEvent("run", JsonSerializer.Serialize(RunJson.From(changed.Run), json)),
        RunGenerationCompleted generation => new ServerEvent("generation", JsonSerializer.Serialize(GenerationJson.From(generation.Summary, generation.Name), json)),
        NodeChanged node => new ServerEvent("node", JsonSerializer.Serialize(new NodeEventJson(node.Node, node.Joined), json)),
        _ => null,
    };

    /// <summary>The text on the wire (System.Text.Json never writes a raw line break, so the data is one `data:` line).</summary>
    public string ToWire() => $"event: {Type}\ndata: {Data}\n\n";
}
