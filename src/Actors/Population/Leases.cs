using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Population;

/// <summary>Which evaluator holds which episode until when. Not persisted: after recovery every
/// episode without a result is simply pending again.</summary>
public sealed class Leases
{
    private readonly Dictionary<EpisodeKey, (IActorRef Holder, DateTime Deadline)> _held = [];

    public int Count => _held.Count;

    public bool IsLeased(EpisodeKey key) => _held.ContainsKey(key);

    /// <summary>The evaluator holding the episode, or null when it is not leased.</summary>
    public IActorRef? HolderOf(EpisodeKey key) => _held.TryGetValue(key, out var lease) ? lease.Holder : null;

    public int CountHeldBy(IActorRef holder) => _held.Values.Count(lease => lease.Holder.Equals(holder));

    public void Grant(EpisodeKey key, IActorRef holder, DateTime deadline) => _held[key] = (holder, deadline);

    public void Release(EpisodeKey key) => _held.Remove(key);

    public IReadOnlyList<EpisodeKey> ReleaseAll(IActorRef holder) =>
        ReleaseWhere(lease => lease.Holder.Equals(holder));

    public IReadOnlyList<EpisodeKey> ReleaseExpired(DateTime now) =>
        ReleaseWhere(lease => lease.Deadline <= now);

    private List<EpisodeKey> ReleaseWhere(Func<(IActorRef Holder, DateTime Deadline), bool> predicate)
    {
        var released = _held.Where(pair => predicate(pair.Value)).Select(pair => pair.Key).ToList();
        foreach (var key in released) _held.Remove(key);
        return released;
    }
}
