using System.Diagnostics;
using MetaLoss.Actors.Evaluation;

namespace MetaLoss.Host.Runs;

/// <summary>
/// What a node's slots ran: the episodes (said when it ends) and when the first lease started
/// running after the node began to join the cluster, printed once (the README's join-to-first-lease
/// time). Counted from the start of the join, not from the node seeing itself Up: the population can
/// lease to it before that news reaches the node.
/// </summary>
public sealed class NodeWork
{
    private long _episodes;
    private long _joining;
    private int _firstSaid;

    public long Episodes => Interlocked.Read(ref _episodes);

    public void Joining() => Interlocked.Exchange(ref _joining, Stopwatch.GetTimestamp());

    public EpisodeBatchRunnerFactory Counting(EpisodeBatchRunnerFactory factory) => slot =>
    {
        var run = factory(slot);
        return specs =>
        {
            if (Interlocked.Exchange(ref _firstSaid, 1) == 0 && Interlocked.Read(ref _joining) is var joining and > 0)
                Console.WriteLine($"First lease running {Stopwatch.GetElapsedTime(joining).TotalMilliseconds:F0} ms after this node began to join");
            var results = run(specs);
            Interlocked.Add(ref _episodes, results.Length);
            return results;
        };
    };
}
