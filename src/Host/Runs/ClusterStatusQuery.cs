using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using MetaLoss.Actors.Cluster;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Serialization;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Security;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Asks a running cluster member how the cluster stands, over remoting (TLS with the cluster's
/// certificates when given): the asking process does not join the cluster, so it changes nothing
/// there (membership, downing, singleton).
/// </summary>
public static class ClusterStatusQuery
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<ClusterStatus> Ask(string member, string hostname, ClusterTls? tls, CancellationToken cancellation)
    {
        // Untrusted mode: while it waits for the answer this process listens too, and nobody may steer it.
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "{{hostname}}", port = 0, enable-ssl = {{(tls is null ? "off" : "on")}} }
            akka.remote.log-remote-lifecycle-events = off
            akka.remote.untrusted-mode = on
            """).WithFallback(SerializationConfig.Hocon);
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        using var system = ActorSystem.Create("metaloss-status", tls is null ? ActorSystemSetup.Create(bootstrap) : bootstrap.And(tls.ToSetup()));
        try
        {
            var statusActor = system.ActorSelection($"{ClusterSettings.Address(member, tls is not null)}/user/{ClusterStatusActor.Name}");
            var answer = statusActor.Ask<ClusterStatus>(GetClusterStatus.Instance, Timeout, cancellation);
            if (await Task.WhenAny(answer, system.WhenTerminated) == answer) return await answer;
            throw new ArgumentException($"--cluster {member}: {TlsHandshakeFailure.Explain(system) ?? "the actor system stopped before an answer came"}");
        }
        catch (AskTimeoutException)
        {
            throw new ArgumentException($"--cluster {member}: no MetaLoss cluster member answered within {Timeout.TotalSeconds:F0} s" +
                                        (tls is null ? " (a cluster that runs TLS also needs --tls)" : " (with these certificates)"));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
