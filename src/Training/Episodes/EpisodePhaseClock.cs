using System.Diagnostics;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// Wall time per <see cref="EpisodePhase"/>, summed over every group a runner ran with it: where an
/// episode's time goes. On the CPU each torch call returns when its work is done, so a phase's time
/// is its own; on a GPU it would also hold work queued by the phases before. Not thread-safe: one
/// clock times one runner's groups on one thread.
/// </summary>
public sealed class EpisodePhaseClock
{
    private readonly double[] _seconds = new double[Enum.GetValues<EpisodePhase>().Length];

    public double SecondsIn(EpisodePhase phase) => _seconds[(int)phase];

    public double TotalSeconds => _seconds.Sum();

    /// <summary>Forgets what was timed so far (after an untimed warm-up through the same runner).</summary>
    public void Reset() => Array.Clear(_seconds);

    public T Time<T>(EpisodePhase phase, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            _seconds[(int)phase] += Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
    }

    public void Time(EpisodePhase phase, Action work) => Time(phase, () =>
    {
        work();
        return 0;
    });
}
