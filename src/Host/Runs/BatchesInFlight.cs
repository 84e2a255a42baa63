using MetaLoss.Actors.Evaluation;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Counts the batches running on slot threads, so a command can let them end before it returns: a
/// process that exits while libtorch runs on another thread crashes (SIGSEGV) as libtorch's globals
/// are torn down under the op. Stopping the actor system stops new batches, not a running one.
/// </summary>
public sealed class BatchesInFlight
{
    private int _running;

    public EpisodeBatchRunnerFactory Counting(EpisodeBatchRunnerFactory factory) => slot =>
    {
        var run = factory(slot);
        return specs =>
        {
            Interlocked.Increment(ref _running);
            try
            {
                return run(specs);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        };
    };

    /// <summary>Waits, at most <paramref name="limit"/>, until no batch runs; call after the actor system has stopped.</summary>
    public void WaitUntilNoneRun(TimeSpan limit) => SpinWait.SpinUntil(() => Volatile.Read(ref _running) == 0, limit);
}
