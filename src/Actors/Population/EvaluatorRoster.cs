using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Population;

/// <summary>
/// The evaluators this population incarnation has heard from and how many results each delivered,
/// for the live cluster status. Not persisted: after a restart or a hand-over it fills up again as
/// evaluators ask for work.
/// </summary>
public sealed class EvaluatorRoster
{
    private readonly Dictionary<IActorRef, long> _done = [];

    /// <summary>Records an evaluator; true the first time, so the caller can start watching it.</summary>
    public bool Add(IActorRef evaluator) => _done.TryAdd(evaluator, 0);

    public void Credit(IActorRef evaluator) => _done[evaluator] = _done.GetValueOrDefault(evaluator) + 1;

    public void Remove(IActorRef evaluator) => _done.Remove(evaluator);

    /// <summary>Evaluators grouped by node; local ones (no host in their address) belong to <paramref name="localAddress"/>.</summary>
    public EvaluatorsByNode ByNode(Address localAddress, Leases leases) => new(
        [.. _done.GroupBy(pair => NodeName(pair.Key.Path.Address.HasGlobalScope ? pair.Key.Path.Address : localAddress))
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new NodeEvaluators(group.Key, group.Count(),
                group.Sum(pair => leases.CountHeldBy(pair.Key)), group.Sum(pair => pair.Value)))]);

    /// <summary>host:port of a remote address, or "local" for a process without remoting.</summary>
    public static string NodeName(Address address) => address.HasGlobalScope ? $"{address.Host}:{address.Port}" : "local";
}
