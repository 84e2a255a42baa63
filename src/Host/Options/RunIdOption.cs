using System.CommandLine;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Options;

/// <summary>--run-id: which run of a shared journal a command means.</summary>
public static class RunIdOption
{
    public static Option<string?> Create(string description) => new("--run-id") { Description = description };

    public static RunId? Read(ParseResult result, Option<string?> option) =>
        result.GetValue(option) is { } text ? RunId.Parse(text) : null;
}
