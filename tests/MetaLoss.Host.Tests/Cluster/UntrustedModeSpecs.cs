using Akka.Actor;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// Untrusted mode: a remote system that reaches the cluster's port cannot stop the population, by
/// actor selection or by reference; the paths the cluster itself needs still answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UntrustedModeSpecs(ReferenceRun reference)
{
    [Fact]
    public async Task Should_not_deliver_a_PoisonPill_sent_by_a_remote_system_to_the_population()
    {
        var directory = SmallRun.NewDirectory();
        var hostPort = ClusterRun.FreePort();
        using var host = MetalossProcess.Start(ClusterRun.ClusteredEvolve(directory, hostPort));
        Assert.True(host.WaitForLine("Cluster started", ClusterRun.Timeout), host.Output);

        await using var intruder = RemoteIntruder.Start();
        var manager = $"akka.tcp://metaloss@127.0.0.1:{hostPort}/user/population";
        // The path singleton proxies use is trusted, so the intruder does reach the population's supervisor...
        var supervisor = await intruder.Identify($"{manager}/population", ClusterRun.Timeout);
        // The count restarts from 0 whenever the population actor starts again.
        ClusterRun.WaitUntil(() => ClusterRun.EpisodesDoneBy(hostPort, hostPort) >= 6, () => "no episodes done:\n" + host.Output);
        var done = ClusterRun.EpisodesDoneBy(hostPort, hostPort);

        // ...but every way it tries to stop it is dropped: by selection (trusted path or not), and by reference.
        foreach (var path in new[] { manager, $"{manager}/population", $"{manager}/population/population" })
            intruder.System.ActorSelection(path).Tell(PoisonPill.Instance);
        supervisor.Tell(PoisonPill.Instance);
        // Sent after the pills on the same connection: had they stopped the supervisor, nothing would answer.
        Assert.Equal(supervisor, await intruder.Identify($"{manager}/population", TimeSpan.Zero));
        Assert.True(ClusterRun.EpisodesDoneBy(hostPort, hostPort) >= done, "the population actor was restarted:\n" + host.Output);

        Assert.True(host.WaitForExit(ClusterRun.Timeout) == 0, host.Output);
        var state = await JournalReader.ReadState(ClusterRun.SqliteJournal(directory));
        Assert.True(state.Finished);
        Assert.Equal(reference.State.Population, state.Population);
        Assert.Equal(reference.State.History, state.History);
        Assert.Equal(reference.State.EpisodesCompleted, state.EpisodesCompleted);
    }
}
