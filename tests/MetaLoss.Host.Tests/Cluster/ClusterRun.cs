using System.Net;
using System.Net.Sockets;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// A run long enough for nodes to join, die and be downed while it goes on (default-size episodes;
/// 80 generations, twice what sufficed before paired groups shared their work), with downing tuned for
/// tests: a dead member is downed within seconds.
/// </summary>
public static class ClusterRun
{
    public const int Generations = 80;
    public const int Parents = 3;
    public const int EpisodesPerCandidate = 2;
    public const int TotalEpisodes = Generations * 2 * Parents * EpisodesPerCandidate;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>`evolve` with the run's settings; `extra` adds networking, journal and devices.</summary>
    public static string[] Evolve(string runDirectory, params string[] extra) =>
    [
        "evolve", "--run", runDirectory, "--generations", $"{Generations}", "--population", $"{Parents}",
        "--episodes-per-candidate", $"{EpisodesPerCandidate}", "--seed", "11", "--init", "random", "--tasks", "template",
        .. extra,
    ];

    public static string[] ClusteredEvolve(string runDirectory, int port, params string[] extra) =>
        Evolve(runDirectory, ["--devices", "cpu:1", "--port", $"{port}", .. FastDowning, .. extra]);

    public static string[] Node(int join, int port, params string[] extra) =>
        ["node", "--join", $"127.0.0.1:{join}", "--port", $"{port}", "--devices", "cpu:1", .. FastDowning, .. extra];

    /// <summary>A dead member is unreachable after ~2 s of silence and downed 2 s later; idle evaluators re-ask every second.</summary>
    public static string[] FastDowning =>
    [
        "--config", "akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s",
        "--config", "akka.cluster.split-brain-resolver.stable-after = 2s",
        "--config", "metaloss.reask-when-idle = 1s",
    ];

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static JournalSettings SqliteJournal(string runDirectory) =>
        new(RunDirectory.Open(runDirectory, create: false).ReadOnlyConnectionString, PostgreSql: false);

    /// <summary>Episodes done by the node listening on <paramref name="port"/>, as `status --cluster` shows them; -1 if not listed.</summary>
    public static long EpisodesDoneBy(int hostPort, int port, params string[] statusOptions)
    {
        var line = ClusterTable(hostPort, statusOptions).FirstOrDefault(l => l.StartsWith($"127.0.0.1:{port} "));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    /// <summary>How many members the process on <paramref name="port"/> sees as Up.</summary>
    public static int MembersUpSeenBy(int port, params string[] statusOptions) =>
        ClusterTable(port, statusOptions).Count(l => l.StartsWith("127.0.0.1:") && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "Up");

    /// <summary>The run id a first `evolve --postgres` printed for its standbys (waits for the line).</summary>
    public static string RunIdPrintedBy(MetalossProcess first)
    {
        Assert.True(first.WaitForLine(StandbyHint, Timeout), first.Output);
        return first.Output.Split('\n').First(l => l.StartsWith(StandbyHint))[StandbyHint.Length..].Trim();
    }

    private const string StandbyHint = "Standbys join this run with --run-id ";

    /// <summary>Polls until <paramref name="done"/> holds, failing with <paramref name="why"/> after <see cref="Timeout"/>.</summary>
    public static void WaitUntil(Func<bool> done, Func<string> why)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!done()) Assert.True(DateTime.UtcNow < deadline, why());
    }

    private static string[] ClusterTable(int port, string[] statusOptions)
    {
        var (code, output) = MetalossProcess.Run(TimeSpan.FromSeconds(60), ["status", "--cluster", $"127.0.0.1:{port}", .. statusOptions]);
        Assert.True(code == 0, output);
        return output.Split('\n');
    }
}
