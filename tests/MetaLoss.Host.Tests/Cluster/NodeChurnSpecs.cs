using System.Diagnostics;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Runs;
using Xunit.Abstractions;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>Evaluator nodes come and go during a run; the run's result does not change.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeChurnSpecs(ReferenceRun reference, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_finish_identically_when_a_node_joins_mid_run_and_another_is_killed()
    {
        var directory = SmallRun.NewDirectory();
        var hostPort = ClusterRun.FreePort();
        var doomedPort = ClusterRun.FreePort();
        var latePort = ClusterRun.FreePort();

        using var host = MetalossProcess.Start(ClusterRun.ClusteredEvolve(directory, hostPort));
        Assert.True(host.WaitForLine("Cluster started", ClusterRun.Timeout), host.Output);
        using var doomed = MetalossProcess.Start(ClusterRun.Node(hostPort, doomedPort));

        // Kill the first node only once the population has its results: then it surely holds a lease.
        ClusterRun.WaitUntil(() => ClusterRun.EpisodesDoneBy(hostPort, doomedPort) >= 3,
            () => "the first node never delivered episodes:\n" + doomed.Output);
        doomed.KillHard();
        var killed = Stopwatch.StartNew();

        using var late = MetalossProcess.Start(ClusterRun.Node(hostPort, latePort));
        Assert.True(host.WaitForLine("evaluator terminated", ClusterRun.Timeout), host.Output);
        output.WriteLine($"episodes of the killed node re-queued {killed.Elapsed.TotalSeconds:F1} s after SIGKILL");

        Assert.True(host.WaitForExit(ClusterRun.Timeout) == 0, host.Output);
        Assert.True(late.WaitForExit(TimeSpan.FromSeconds(60)) == 0, late.Output);
        Assert.Matches(@"this node ran [1-9]\d* episodes", late.Output);

        var state = await JournalReader.ReadState(ClusterRun.SqliteJournal(directory));
        Assert.True(state.Finished);
        // Groups of 5, some computed on the node that was killed and computed again whole elsewhere.
        Assert.Equal(RunSettings.DefaultBatchSize, state.Settings!.BatchSize);
        Assert.DoesNotContain("recomputed as", host.Output);
        Assert.Equal(reference.State.Population, state.Population);
        Assert.Equal(reference.State.History, state.History);
        Assert.Equal(reference.State.Validated, state.Validated);
        // Every training episode and the same meta-validation episodes, each counted once.
        Assert.Equal(reference.State.EpisodesCompleted, state.EpisodesCompleted);
        Assert.True(state.EpisodesCompleted > ClusterRun.TotalEpisodes, $"{state.EpisodesCompleted} episodes: no meta-validation ran");
    }
}
