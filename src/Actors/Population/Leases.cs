using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Population;

/// <summary>
/// Which evaluator holds which group until when, and who held a group whose lease expired. A group is
/// leased, expires and goes back whole. Not persisted: after recovery every group still missing a
/// result is simply pending again.
/// </summary>
public sealed class Leases
{
    private readonly Dictionary<GroupKey, Lease> _held = [];

    // An expired lease goes back to the queue, but its holder may still be running it: its late
    // results count, or a lease timeout shorter than a batch would never let a run finish. Emptied
    // as groups get all their results, so it never outlives the open generation.
    private readonly Dictionary<GroupKey, HashSet<IActorRef>> _lapsed = [];

    // Every group leased since it was last done, and the group of each of its episodes.
    private readonly Dictionary<GroupKey, IReadOnlyList<EpisodeKey>> _episodesOf = [];
    private readonly Dictionary<EpisodeKey, GroupKey> _groupOf = [];

    private sealed record Lease(IActorRef Holder, DateTime Deadline, IReadOnlyList<EpisodeKey> Episodes);

    /// <summary>Episodes leased now, in whole groups.</summary>
    public int Count => _held.Values.Sum(lease => lease.Episodes.Count);

    public bool IsLeased(GroupKey group) => _held.ContainsKey(group);

    /// <summary>The group an episode was leased in, or null when it never was (or its group is done).</summary>
    public GroupKey? GroupOf(EpisodeKey key) => _groupOf.TryGetValue(key, out var group) ? group : null;

    /// <summary>The evaluator holding the episode's group, or null when it is not leased.</summary>
    public IActorRef? HolderOf(EpisodeKey key) =>
        GroupOf(key) is { } group && _held.TryGetValue(group, out var lease) ? lease.Holder : null;

    /// <summary>True when <paramref name="evaluator"/> holds the episode's group, or held it until its lease expired.</summary>
    public bool IsHeldBy(EpisodeKey key, IActorRef evaluator) =>
        evaluator.Equals(HolderOf(key)) ||
        (GroupOf(key) is { } group && _lapsed.TryGetValue(group, out var lapsed) && lapsed.Contains(evaluator));

    /// <summary>Episodes in the groups <paramref name="holder"/> holds.</summary>
    public int CountHeldBy(IActorRef holder) => _held.Values.Where(lease => lease.Holder.Equals(holder)).Sum(lease => lease.Episodes.Count);

    public void Grant(PlannedGroup group, IActorRef holder, DateTime deadline)
    {
        _held[group.Key] = new Lease(holder, deadline, group.Episodes);
        _episodesOf[group.Key] = group.Episodes;
        foreach (var key in group.Episodes) _groupOf[key] = group.Key;
    }

    /// <summary>Every episode of the group has its result: nobody holds it any more.</summary>
    public void Release(GroupKey group)
    {
        _held.Remove(group);
        _lapsed.Remove(group);
        if (!_episodesOf.Remove(group, out var episodes)) return;
        foreach (var key in episodes) _groupOf.Remove(key);
    }

    /// <summary>Releases the episode's group once every episode of it has a result.</summary>
    public void ReleaseIfDone(EpisodeKey key, Func<EpisodeKey, bool> hasResult)
    {
        if (GroupOf(key) is { } group && _episodesOf[group].All(hasResult)) Release(group);
    }

    /// <summary>Takes back every group <paramref name="holder"/> holds; the episodes they held.</summary>
    public IReadOnlyList<EpisodeKey> ReleaseAll(IActorRef holder)
    {
        var released = _held.Where(pair => pair.Value.Holder.Equals(holder)).ToList();
        foreach (var (group, _) in released) _held.Remove(group);
        return [.. released.SelectMany(pair => pair.Value.Episodes)];
    }

    /// <summary>Takes back every group whose lease ran out, remembering its holder; the episodes they held.</summary>
    public IReadOnlyList<EpisodeKey> ReleaseExpired(DateTime now)
    {
        var expired = _held.Where(pair => pair.Value.Deadline <= now).ToList();
        foreach (var (group, lease) in expired)
        {
            _held.Remove(group);
            if (!_lapsed.TryGetValue(group, out var holders)) _lapsed[group] = holders = [];
            holders.Add(lease.Holder);
        }
        return [.. expired.SelectMany(pair => pair.Value.Episodes)];
    }
}
