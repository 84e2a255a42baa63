using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Population;

/// <summary>
/// Which evaluator holds which episode until when, and who held an episode whose lease expired. Not
/// persisted: after recovery every episode without a result is simply pending again.
/// </summary>
public sealed class Leases
{
    private readonly Dictionary<EpisodeKey, (IActorRef Holder, DateTime Deadline)> _held = [];

    // An expired lease goes back to the queue, but its holder may still be running it: its late
    // result counts, or a lease timeout shorter than a batch would never let a run finish. Emptied
    // as the episodes get their results, so it never outlives the open generation.
    private readonly Dictionary<EpisodeKey, HashSet<IActorRef>> _lapsed = [];

    public int Count => _held.Count;

    public bool IsLeased(EpisodeKey key) => _held.ContainsKey(key);

    /// <summary>The evaluator holding the episode, or null when it is not leased.</summary>
    public IActorRef? HolderOf(EpisodeKey key) => _held.TryGetValue(key, out var lease) ? lease.Holder : null;

    /// <summary>True when <paramref name="evaluator"/> holds the episode, or held it until its lease expired.</summary>
    public bool IsHeldBy(EpisodeKey key, IActorRef evaluator) =>
        evaluator.Equals(HolderOf(key)) || (_lapsed.TryGetValue(key, out var lapsed) && lapsed.Contains(evaluator));

    public int CountHeldBy(IActorRef holder) => _held.Values.Count(lease => lease.Holder.Equals(holder));

    public void Grant(EpisodeKey key, IActorRef holder, DateTime deadline) => _held[key] = (holder, deadline);

    /// <summary>The episode has its result: nobody holds it any more.</summary>
    public void Release(EpisodeKey key)
    {
        _held.Remove(key);
        _lapsed.Remove(key);
    }

    public IReadOnlyList<EpisodeKey> ReleaseAll(IActorRef holder) =>
        ReleaseWhere(lease => lease.Holder.Equals(holder));

    public IReadOnlyList<EpisodeKey> ReleaseExpired(DateTime now)
    {
        var expired = _held.Where(pair => pair.Value.Deadline <= now).ToList();
        foreach (var (key, lease) in expired)
        {
            _held.Remove(key);
            if (!_lapsed.TryGetValue(key, out var holders)) _lapsed[key] = holders = [];
            holders.Add(lease.Holder);
        }
        return [.. expired.Select(pair => pair.Key)];
    }

    private List<EpisodeKey> ReleaseWhere(Func<(IActorRef Holder, DateTime Deadline), bool> predicate)
    {
        var released = _held.Where(pair => predicate(pair.Value)).Select(pair => pair.Key).ToList();
        foreach (var key in released) _held.Remove(key);
        return released;
    }
}
