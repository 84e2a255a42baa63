using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// A cluster on mutual TLS gives the same run as one process; a node without the cluster's
/// certificate (none at all, or one from another CA) can neither join nor deliver results.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TlsClusterSpecs(ReferenceRun reference)
{
    [Fact]
    public async Task Should_finish_identically_over_TLS_while_nodes_without_the_clusters_certificate_are_refused()
    {
        var tls = ClusterCertificates.Create();
        var foreignTls = ClusterCertificates.Create();
        var directory = SmallRun.NewDirectory();
        var hostPort = ClusterRun.FreePort();
        var memberPort = ClusterRun.FreePort();
        var plainPort = ClusterRun.FreePort();
        var foreignPort = ClusterRun.FreePort();
        string[] status = ["--tls", tls];

        using var host = MetalossProcess.Start(ClusterRun.ClusteredEvolve(directory, hostPort, "--tls", tls));
        Assert.True(host.WaitForLine("Cluster started", ClusterRun.Timeout), host.Output);

        using var plain = MetalossProcess.Start(ClusterRun.Node(hostPort, plainPort));
        using var foreign = MetalossProcess.Start(ClusterRun.Node(hostPort, foreignPort, "--tls", foreignTls));
        using var member = MetalossProcess.Start(ClusterRun.Node(hostPort, memberPort, "--tls", tls));
        // No certificate: plain TCP meets a TLS port, and the node keeps failing to join (it says so once, then waits quietly).
        Assert.True(plain.WaitForLine($"Cannot reach the cluster at 127.0.0.1:{hostPort} yet", ClusterRun.Timeout), plain.Output);
        // Another CA's certificate: each side refuses the other's, and the node stops at once.
        Assert.Equal(2, foreign.WaitForExit(ClusterRun.Timeout));
        Assert.Contains("do not hold certificates from the same CA", foreign.Output);

        ClusterRun.WaitUntil(() => ClusterRun.EpisodesDoneBy(hostPort, memberPort, status) >= 1,
            () => "the member with the cluster's certificate never delivered episodes:\n" + member.Output);
        Assert.Equal(-1, ClusterRun.EpisodesDoneBy(hostPort, plainPort, status));
        Assert.Equal(-1, ClusterRun.EpisodesDoneBy(hostPort, foreignPort, status));

        Assert.True(host.WaitForExit(ClusterRun.Timeout) == 0, host.Output);
        Assert.True(member.WaitForExit(TimeSpan.FromSeconds(60)) == 0, member.Output);
        Assert.Matches(@"this node ran [1-9]\d* episodes", member.Output);
        Assert.Contains("is not signed by this cluster's CA", host.Output);
        Assert.Contains("not an SSL/TLS record", host.Output);
        plain.KillHard();
        // Only the population's progress reports print generation lines: the refused nodes never heard from it.
        Assert.DoesNotContain("generation ", plain.Output);
        Assert.DoesNotContain("generation ", foreign.Output);

        var state = await JournalReader.ReadState(ClusterRun.SqliteJournal(directory));
        Assert.True(state.Finished);
        Assert.Equal(reference.State.Population, state.Population);
        Assert.Equal(reference.State.History, state.History);
        Assert.Equal(reference.State.Validated, state.Validated);
        Assert.Equal(reference.State.EpisodesCompleted, state.EpisodesCompleted);
    }
}
