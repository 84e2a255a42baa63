using Akka.Actor;
using Akka.Configuration;
using MetaLoss.Actors.Cluster;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Serialization;
using MetaLoss.Host.Configuration;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Asks a running cluster member how the cluster stands, over plain remoting: the asking process
/// does not join the cluster, so it changes nothing there (membership, downing, singleton).
/// </summary>
public static class ClusterStatusQuery
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<ClusterStatus> Ask(string member, string hostname, CancellationToken cancellation)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "{{hostname}}", port = 0 }
            akka.remote.log-remote-lifecycle-events = off
            """).WithFallback(SerializationConfig.Hocon);
        using var system = ActorSystem.Create("metaloss-status", config);
        try
        {
            var statusActor = system.ActorSelection($"{ClusterSettings.Address(member)}/user/{ClusterStatusActor.Name}");
            return await statusActor.Ask<ClusterStatus>(GetClusterStatus.Instance, Timeout, cancellation);
        }
        catch (AskTimeoutException)
        {
            throw new ArgumentException($"--cluster {member}: no MetaLoss cluster member answered within {Timeout.TotalSeconds:F0} s");
        }
        finally
        {
            await system.Terminate();
        }
    }
}
