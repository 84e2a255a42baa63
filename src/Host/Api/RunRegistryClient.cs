using Akka.Actor;
using MetaLoss.Actors.Cluster;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Api;

/// <summary>
/// The web layer's way to the run registry: it asks and renders, and keeps no run state of its own.
/// An answer that does not come within <see cref="Timeout"/> is a <see cref="RegistryUnavailableException"/> (503).
/// </summary>
public sealed class RunRegistryClient(ActorSystem system, IActorRef registry)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public ActorSystem System { get; } = system;

    public IActorRef Registry { get; } = registry;

    public Task<object> Ask(object message, CancellationToken cancellation) => Ask(Registry, message, Timeout, cancellation);

    private static async Task<object> Ask(ICanTell actor, object message, TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            return await actor.Ask<object>(message, timeout, cancellation);
        }
        catch (AskTimeoutException)
        {
            throw new RegistryUnavailableException($"the run registry did not answer within {timeout.TotalSeconds:0} s (starting, or moving to another node); try again");
        }
    }

    /// <summary>
    /// The cluster's members and the evaluators of each node across all runs: from this node's
    /// cluster-status actor when clustered (as `status --cluster` asks), else the registry's own
    /// evaluators with no members.
    /// </summary>
    public async Task<ClusterStatus> Cluster(CancellationToken cancellation)
    {
        if (System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
            return (ClusterStatus)await Ask(System.ActorSelection($"/user/{ClusterStatusActor.Name}"), GetClusterStatus.Instance, Timeout, cancellation);
        return new ClusterStatus([], ((EvaluatorsByNode)await Ask(GetEvaluators.Instance, cancellation)).Nodes);
    }
}

/// <summary>The registry did not answer in time: the API says 503 with this message.</summary>
public sealed class RegistryUnavailableException(string message) : Exception(message);
