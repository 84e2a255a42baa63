using System.Diagnostics;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Population;

/// <summary>
/// When each leased episode's lease was granted and how many episodes it held, for the episode
/// duration metric: a lease's episodes run as one batch, so each result's share is the time from
/// grant to result divided by the lease's size. Measured here rather than on the evaluator so that
/// remote nodes' clocks and the result's wire format stay out of it (the time includes the trip
/// and any wait in the evaluator's queue, which is what a user of the service waits for too).
/// </summary>
public sealed class LeaseClock
{
    private readonly Dictionary<EpisodeKey, (long Granted, int Size)> _granted = [];

    public void Granted(IReadOnlyCollection<EpisodeKey> keys)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var key in keys) _granted[key] = (now, keys.Count);
    }

    /// <summary>The episode's share of its lease's time, or null when its grant is unknown (a lease from before a restart).</summary>
    public TimeSpan? Finished(EpisodeKey key) =>
        _granted.Remove(key, out var lease) ? Stopwatch.GetElapsedTime(lease.Granted) / lease.Size : null;

    /// <summary>Drops grants of episodes that went back to the queue, so the clock holds at most the open generation's.</summary>
    public void Forget(IEnumerable<EpisodeKey> keys)
    {
        foreach (var key in keys) _granted.Remove(key);
    }
}
