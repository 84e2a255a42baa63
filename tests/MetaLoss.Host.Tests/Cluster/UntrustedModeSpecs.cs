using Akka.Actor;
using Akka.Dispatch.SysMsg;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// Untrusted mode and the inbound filters: a remote system that reaches the cluster's port (no TLS
/// here, as on loopback) cannot stop, kill, suspend or restart the population, by actor selection or
/// by reference, while the paths the cluster itself needs still answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UntrustedModeSpecs(ReferenceRun reference)
{
    [Fact]
    public async Task Should_not_deliver_a_PoisonPill_Kill_or_Suspend_sent_by_a_remote_system_to_the_population()
    {
        var directory = SmallRun.NewDirectory();
        var hostPort = ClusterRun.FreePort();
        using var host = MetalossProcess.Start(ClusterRun.ClusteredEvolve(directory, hostPort));
        Assert.True(host.WaitForLine("Cluster started", ClusterRun.Timeout), host.Output);

        await using var intruder = RemoteIntruder.Start();
        var manager = $"akka.tcp://metaloss@127.0.0.1:{hostPort}/user/population";
        // The path singleton proxies use is trusted, so the intruder does reach the population's supervisor,
        // and it can name the population actor itself without asking anyone.
        var supervisor = await intruder.Identify($"{manager}/population", ClusterRun.Timeout);
        var population = ((ExtendedActorSystem)intruder.System).Provider.ResolveActorRef($"{manager}/population/population");
        // This count starts again from 0 whenever the population actor starts again.
        ClusterRun.WaitUntil(() => ClusterRun.EpisodesDoneBy(hostPort, hostPort) >= 6, () => "no episodes done:\n" + host.Output);
        var done = ClusterRun.EpisodesDoneBy(hostPort, hostPort);

        // By selection: PoisonPill to the trusted paths and past them; Kill to the trusted one.
        foreach (var path in new[] { manager, $"{manager}/population", $"{manager}/population/population" })
            intruder.System.ActorSelection(path).Tell(PoisonPill.Instance);
        intruder.System.ActorSelection($"{manager}/population").Tell(Kill.Instance);
        // By reference.
        foreach (var target in new[] { supervisor, population })
        {
            target.Tell(PoisonPill.Instance);
            target.Tell(Kill.Instance);
        }
        // Sent after the rest on the same connection: had anything stopped the supervisor, nothing would answer.
        Assert.Equal(supervisor, await intruder.Identify($"{manager}/population", TimeSpan.Zero));
        Assert.True(ClusterRun.EpisodesDoneBy(hostPort, hostPort) >= done, "the population actor was restarted:\n" + host.Output);
        // Last, as it costs the intruder its connection: a suspended population would never finish the run.
        ((IInternalActorRef)supervisor).SendSystemMessage(new Suspend());
        ((IInternalActorRef)population).SendSystemMessage(new Suspend());

        Assert.True(host.WaitForExit(ClusterRun.Timeout) == 0, host.Output);
        Assert.Contains("refused an inbound Suspend system message", host.Output);
        var state = await JournalReader.ReadState(ClusterRun.SqliteJournal(directory));
        Assert.True(state.Finished);
        Assert.Equal(reference.State.Population, state.Population);
        Assert.Equal(reference.State.History, state.History);
        Assert.Equal(reference.State.EpisodesCompleted, state.EpisodesCompleted);
    }
}
