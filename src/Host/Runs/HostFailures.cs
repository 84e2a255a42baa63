using Akka.Actor;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Population;

namespace MetaLoss.Host.Runs;

/// <summary>
/// The failures actors report on the event stream that a command must end on (exit 2): the
/// population cannot replay its journal, or this process's data is not the run's.
/// <see cref="Failed"/> completes with the first one's message.
/// </summary>
public sealed class HostFailures
{
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Failed => _failed.Task;

    public void Listen(ActorSystem system)
    {
        var listener = system.ActorOf(Props.Create(() => new Listener(_failed)), "failure-watch");
        system.EventStream.Subscribe(listener, typeof(PopulationRecoveryFailed));
        system.EventStream.Subscribe(listener, typeof(DataMismatch));
    }

    /// <summary>The task's result, unless a failure came first: then null.</summary>
    public async Task<T?> Unless<T>(Task<T> task) where T : class =>
        await Task.WhenAny(task, Failed) == task ? await task : null;

    private sealed class Listener : ReceiveActor
    {
        public Listener(TaskCompletionSource<string> failed)
        {
            Receive<PopulationRecoveryFailed>(f => failed.TrySetResult(f.ToString()));
            Receive<DataMismatch>(m => failed.TrySetResult($"this process's data is not the run's: {m.Reason}; " +
                                                           "give --fashion-mnist-dir the directory the run was started with"));
        }
    }
}
