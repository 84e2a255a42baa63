namespace MetaLoss.Host.Api;

/// <summary>
/// Episodes per second per node, from successive reads of its episodes-done counter: the rate over the
/// time since the read before, once that is at least <see cref="MinimumWindow"/> old (closer reads
/// keep the last rate, so a page that polls fast does not see noise). A counter that went down (the
/// registry started again) starts the node over.
/// </summary>
public sealed class EpisodeRates(TimeProvider clock)
{
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Sample> _nodes = new();

    public double Of(string node, long episodesDone)
    {
        var now = clock.GetTimestamp();
        lock (_lock)
        {
            if (!_nodes.TryGetValue(node, out var previous) || episodesDone < previous.Done)
            {
                _nodes[node] = new Sample(now, episodesDone, 0);
                return 0;
            }
            var elapsed = clock.GetElapsedTime(previous.Timestamp, now);
            if (elapsed < MinimumWindow) return previous.Rate;
            var rate = (episodesDone - previous.Done) / elapsed.TotalSeconds;
            _nodes[node] = new Sample(now, episodesDone, rate);
            return rate;
        }
    }

    private readonly record struct Sample(long Timestamp, long Done, double Rate);
}
