using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>A status asked for over remoting carries only the latest history; asked for in-process, all of it.</summary>
public sealed class PopulationRemoteStatusSpecs() : TestKit(Remoting.WithFallback(ConfigurationFactory.ParseString(SpecConfig.InMemory)))
{
    private static readonly Config Remoting = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.remote.log-remote-lifecycle-events = off
        """).WithFallback(SerializationConfig.Hocon);

    [Fact]
    public async Task Should_send_a_remote_asker_only_the_latest_generations()
    {
        var generations = RunStatus.RemoteHistoryLimit + 4;
        var population = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []), "population");
        population.Tell(TestRuns.Start(TestRuns.Settings(generations: generations)));
        ExpectMsg<RunAccepted>();
        var evaluator = CreateTestProbe();
        for (var g = 0; g < generations; g++) evaluator.Complete(population, 4);
        population.Tell(GetRunStatus.Instance);
        var local = ExpectMsg<RunStatus>();
        using var other = ActorSystem.Create("asker", Remoting);

        var address = ((ExtendedActorSystem)Sys).Provider.DefaultAddress;
        var remote = await other.ActorSelection($"{address}/user/population").Ask<RunStatus>(GetRunStatus.Instance, TimeSpan.FromSeconds(10));

        Assert.True(local.HasFullHistory);
        Assert.Equal(generations, local.History.Count);
        Assert.False(remote.HasFullHistory);
        Assert.Equal(local.History.TakeLast(RunStatus.RemoteHistoryLimit), remote.History);
        Assert.Equal((local.Finished, local.Generation, local.EpisodesCompleted), (remote.Finished, remote.Generation, remote.EpisodesCompleted));
        await other.Terminate();
    }
}
