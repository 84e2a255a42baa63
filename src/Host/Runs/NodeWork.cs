using System.Diagnostics;
using MetaLoss.Actors.Evaluation;

namespace MetaLoss.Host.Runs;

/// <summary>
/// What a node's slots ran: the episodes (said when it ends) and when the first lease started
/// running after the node joined, which is printed once (the README's join-to-first-lease time).
/// </summary>
public sealed class NodeWork
{
    private long _episodes;
    private long _joined;
    private int _firstSaid;

    public long Episodes => Interlocked.Read(ref _episodes);

    public void Joined() => Interlocked.Exchange(ref _joined, Stopwatch.GetTimestamp());

    public EpisodeBatchRunnerFactory Counting(EpisodeBatchRunnerFactory factory) => slot =>
    {
        var run = factory(slot);
        return specs =>
        {
            if (Interlocked.Exchange(ref _firstSaid, 1) == 0 && Interlocked.Read(ref _joined) is var joined and > 0)
                Console.WriteLine($"First lease running {Stopwatch.GetElapsedTime(joined).TotalMilliseconds:F0} ms after joining");
            var results = run(specs);
            Interlocked.Add(ref _episodes, results.Length);
            return results;
        };
    };
}
