using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// Evaluators asking for far more episodes than one remoting frame can carry. A generation here has
/// 300 episodes: leased whole to an evaluator asking for 512, that is about 140 KB, over Akka.Remote's
/// 128,000-byte frame: the remote node would never receive it, and its episodes would wait out the lease timeout.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LargeBatchSpecs
{
    private static string[] Evolve(string directory, params string[] extra) =>
    [
        "evolve", "--run", directory, "--generations", "4", "--population", "50", "--episodes-per-candidate", "3",
        "--seed", "5", "--init", "random", "--tasks", "template", "--per-class", "2", "--validation-size", "60", "--hidden1", "16", "--hidden2", "16",
        "--steps", "3", "--config", "metaloss.request-episodes = 512", .. extra,
    ];

    [Fact]
    public async Task Should_finish_a_clustered_run_asking_for_512_episodes_exactly_like_a_solo_run()
    {
        var soloDirectory = SmallRun.NewDirectory();
        var (soloCode, soloOutput) = MetalossProcess.Run(ClusterRun.Timeout, Evolve(soloDirectory, "--devices", "cpu:2"));
        Assert.True(soloCode == 0, soloOutput);
        var directory = SmallRun.NewDirectory();
        var hostPort = ClusterRun.FreePort();

        // The whole run takes a few seconds, less than a node needs to start: the host waits for it
        // (no member is Up before two have joined), so the node's large leases are not left to chance.
        using var host = MetalossProcess.Start(Evolve(directory,
            ["--devices", "cpu:1", "--port", $"{hostPort}", "--config", "akka.cluster.min-nr-of-members = 2", .. ClusterRun.FastDowning]));
        Assert.True(host.WaitForLine("Cluster started", ClusterRun.Timeout), host.Output);
        using var node = MetalossProcess.Start([.. ClusterRun.Node(hostPort, ClusterRun.FreePort()), "--config", "metaloss.request-episodes = 512"]);

        Assert.True(host.WaitForExit(ClusterRun.Timeout) == 0, host.Output);
        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(60)) == 0, node.Output);
        Assert.Matches(@"this node ran [1-9]\d* episodes", node.Output);
        // Every lease came from the population and every result from its lease holder.
        Assert.DoesNotContain("ignored a", node.Output + host.Output);
        Assert.DoesNotContain("Dropped a result", host.Output);
        var solo = await JournalReader.ReadState(ClusterRun.SqliteJournal(soloDirectory));
        var clustered = await JournalReader.ReadState(ClusterRun.SqliteJournal(directory));
        Assert.True(clustered.Finished);
        Assert.Equal(solo.Population, clustered.Population);
        Assert.Equal(solo.History, clustered.History);
        Assert.Equal(solo.Validated, clustered.Validated);
        Assert.Equal(solo.EpisodesCompleted, clustered.EpisodesCompleted);
        Assert.Equal(File.ReadAllText(Path.Combine(soloDirectory, "generations.csv")), File.ReadAllText(Path.Combine(directory, "generations.csv")));
    }
}
