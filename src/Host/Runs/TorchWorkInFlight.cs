using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Service;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Counts the tensor work running on threads of its own (batches on slot threads, a service's run
/// preparation), so a command can let it end before it returns: a process that exits while libtorch
/// runs on another thread crashes (SIGSEGV) as libtorch's globals are torn down under the op.
/// Stopping the actor system stops new work, not a running one.
/// </summary>
public sealed class TorchWorkInFlight
{
    private int _running;

    public EpisodeBatchRunnerFactory Counting(EpisodeBatchRunnerFactory factory) => slot =>
    {
        var run = factory(slot);
        return specs => Counted(() => run(specs));
    };

    public RunPreparation Counting(RunPreparation prepare) => (settings, cancellation) => Counted(() => prepare(settings, cancellation));

    /// <summary>Waits, at most <paramref name="limit"/>, until none runs; call after the actor system has stopped.</summary>
    public void WaitUntilNoneRun(TimeSpan limit) => SpinWait.SpinUntil(() => Volatile.Read(ref _running) == 0, limit);

    private T Counted<T>(Func<T> work)
    {
        Interlocked.Increment(ref _running);
        try
        {
            return work();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
