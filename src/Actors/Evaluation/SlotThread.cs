using System.Collections.Concurrent;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// One dedicated OS thread per device slot. Episodes run here, never on an actor dispatcher, so
/// the evaluator stays responsive while its slot computes, and torch sees one steady thread.
/// </summary>
public sealed class SlotThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public SlotThread(string name)
    {
        _thread = new Thread(() =>
        {
            foreach (var item in _work.GetConsumingEnumerable()) item();
        }) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public Task<T> Run<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { completion.SetResult(work()); }
            catch (Exception e) { completion.SetException(e); }
        });
        return completion.Task;
    }

    /// <summary>Lets queued work finish in the background; the thread ends when the queue drains.</summary>
    public void Dispose() => _work.CompleteAdding();
}
