using Akka.Actor;
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

    public async Task<object> Ask(object message, CancellationToken cancellation)
    {
        try
        {
            return await Registry.Ask<object>(message, Timeout, cancellation);
        }
        catch (AskTimeoutException)
        {
            throw new RegistryUnavailableException($"the run registry did not answer within {Timeout.TotalSeconds:0} s (starting, or moving to another node); try again");
        }
    }

    /// <summary>The cluster's members and evaluators, as the registry sees them across all runs.</summary>
    public async Task<ClusterStatus> Cluster(CancellationToken cancellation) =>
        await Ask(GetClusterStatus.Instance, cancellation) as ClusterStatus ?? new ClusterStatus([], null);
}

/// <summary>The registry did not answer in time: the API says 503 with this message.</summary>
public sealed class RegistryUnavailableException(string message) : Exception(message);
