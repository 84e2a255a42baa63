using System.Collections.Immutable;
using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Service;

/// <summary>
/// Prepares the registry's runs, one a core at a time (<see cref="AtOnce"/>) in the order asked, each
/// on a thread of its own. A preparation is seconds of tensor work (a preflight episode, the initial MLN's
/// fit): run all at once on the thread pool, forty submissions took every core and starved the pool
/// the HTTP API and the actor system run on, so requests waited for minutes or failed, and no run
/// started until nearly all had been prepared. Asking to forget a run drops it from the queue, or
/// cancels its preparation if it is running; stopping cancels every running one.
/// </summary>
public sealed class RunPreparer : ReceiveActor
{
    private readonly RunPreparation _prepare;
    private readonly int _atOnce;
    private ImmutableQueue<Waiting> _queue = ImmutableQueue<Waiting>.Empty;
    private ImmutableList<Running> _running = [];

    public RunPreparer(RunPreparation prepare, int atOnce)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atOnce, 1);
        (_prepare, _atOnce) = (prepare, atOnce);
        Receive<PrepareRun>(request =>
        {
            _queue = _queue.Enqueue(new Waiting(request, Sender));
            StartNext();
        });
        Receive<ForgetPreparation>(forget =>
        {
            _queue = ImmutableQueue.CreateRange(_queue.Where(w => w.Request.Id != forget.Id));
            foreach (var running in _running.Where(r => r.Waiting.Request.Id == forget.Id)) running.Cancellation.Cancel();
        });
        Receive<Done>(done =>
        {
            done.Of.Waiting.ReplyTo.Tell(done.Answer);
            done.Of.Cancellation.Dispose();
            _running = _running.Remove(done.Of);
            StartNext();
        });
    }

    /// <summary>
    /// One a core: a preparation's tensor work runs on one thread. Measured with forty runs submitted
    /// at once on two cores (scripts/bench-service start), one at a time left a core idle whenever no
    /// prepared run had episodes to give it.
    /// </summary>
    public static int AtOnce { get; } = Environment.ProcessorCount;

    public static Props Props(RunPreparation prepare, int atOnce) => Akka.Actor.Props.Create(() => new RunPreparer(prepare, atOnce));

    protected override void PostStop()
    {
        foreach (var running in _running) running.Cancellation.Cancel();
        base.PostStop();
    }

    private void StartNext()
    {
        while (_running.Count < _atOnce && !_queue.IsEmpty)
        {
            _queue = _queue.Dequeue(out var next);
            var running = new Running(next, new CancellationTokenSource());
            _running = _running.Add(running);
            var (request, prepare, cancellation) = (next.Request, _prepare, running.Cancellation.Token);
            // A thread of its own (LongRunning), not one of the pool's.
            Task.Factory.StartNew(() => prepare(request.Settings, cancellation), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .PipeTo(Self,
                    success: start => new Done(running, new RunPrepared(request.Name, request.Id, start)),
                    failure: e => new Done(running, new RunPreparationFailed(request.Name, request.Id, ErrorText.Of(e))));
        }
    }

    private sealed record Waiting(PrepareRun Request, IActorRef ReplyTo);

    /// <summary>Compared by reference: the same run may be asked for twice (a restart prepares again).</summary>
    private sealed class Running(Waiting waiting, CancellationTokenSource cancellation)
    {
        public Waiting Waiting { get; } = waiting;

        public CancellationTokenSource Cancellation { get; } = cancellation;
    }

    private sealed record Done(Running Of, object Answer);
}

/// <summary>The registry asks its preparer for a run's <see cref="StartRun"/>; answered with <see cref="RunPrepared"/> or <see cref="RunPreparationFailed"/>. Local only.</summary>
public sealed record PrepareRun(string Name, RunId Id, RunSettings Settings);

/// <summary>The registry no longer needs this run prepared (it was cancelled): no answer comes for it unless its preparation had begun. Local only.</summary>
public sealed record ForgetPreparation(RunId Id);

public sealed record RunPrepared(string Name, RunId Id, StartRun Start);

public sealed record RunPreparationFailed(string Name, RunId Id, string Reason);
