using System.Text.Json;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Runs;

/// <summary>
/// run.json: the id of a run whose journal is in a shared PostgreSQL database, kept in its run
/// directory so the same `evolve --run DIR --postgres ...` resumes that run and no other.
/// (A SQLite journal keeps its run id in its own marker table.)
/// </summary>
public static class RunFile
{
    public static RunId? Read(RunDirectory directory)
    {
        if (!File.Exists(directory.RunIdFile)) return null;
        try
        {
            var content = JsonSerializer.Deserialize<Content>(File.ReadAllText(directory.RunIdFile));
            return RunId.Parse(content?.RunId ?? throw new JsonException("no runId"));
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new ArgumentException($"{directory.RunIdFile}: not a MetaLoss run file ({e.Message}); move it away or choose another --run directory");
        }
    }

    public static void Write(RunDirectory directory, RunId run)
    {
        var building = directory.RunIdFile + ".new";
        File.WriteAllText(building, JsonSerializer.Serialize(new Content(run.Value)));
        File.Move(building, directory.RunIdFile, overwrite: true);
    }

    private sealed record Content(string RunId);
}
