using Akka.Actor;
using Akka.Event;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// Pulls episodes from the population actor, runs them one at a time on its slot's dedicated
/// thread, and reports each result. It asks for more only when its lease is done, so work
/// flows to whichever slot is free. The same protocol serves local and remote evaluators.
/// </summary>
public sealed class EvaluatorActor : ReceiveActor, IWithTimers
{
    private const string ReaskTimer = "reask";

    private readonly DeviceSlot _slot;
    private readonly IActorRef _population;
    private readonly Func<DeviceSlot, Func<EpisodeSpec, EpisodeResult>> _runnerFactory;
    private readonly int _leaseSize;
    private readonly TimeSpan? _reaskWhenIdle;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<EpisodeAssignment> _queue = new();
    private SlotThread? _thread;
    private Func<EpisodeSpec, EpisodeResult>? _run;

    /// <param name="population">the population actor, or null for the parent; in a cluster, the singleton proxy</param>
    /// <param name="reaskWhenIdle">
    /// when set, a request unanswered for this long is sent again. A population that moved to another
    /// node (singleton hand-over) starts with no parked requests, so waiting evaluators must ask anew.
    /// </param>
    public EvaluatorActor(DeviceSlot slot, IActorRef? population, Func<DeviceSlot, Func<EpisodeSpec, EpisodeResult>> runnerFactory,
        int leaseSize, TimeSpan? reaskWhenIdle)
    {
        _slot = slot;
        _population = population ?? Context.Parent;
        _runnerFactory = runnerFactory;
        _leaseSize = leaseSize;
        _reaskWhenIdle = reaskWhenIdle;

        Receive<WorkLease>(lease =>
        {
            Timers.Cancel(ReaskTimer);
            foreach (var assignment in lease.Episodes) _queue.Enqueue(assignment);
            RunNext();
        });
        Receive<NoWorkAvailable>(none =>
        {
            // Not finished: the population parks this request and answers when work appears.
            if (!none.RunFinished) return;
            Timers.Cancel(ReaskTimer);
            _log.Info("Evaluator {0}: run finished", _slot);
        });
        Receive<Reask>(_ => AskForWork());
        Receive<EpisodeRan>(ran =>
        {
            _population.Tell(new EpisodeFinished(ran.Key, ran.Result.Fitness, ran.Result.Outcome));
            RunNext();
        });
        Receive<Status.Failure>(failure => throw new EpisodeFailedException(_slot, failure.Cause));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DeviceSlot slot, IActorRef? population, Func<DeviceSlot, Func<EpisodeSpec, EpisodeResult>> runnerFactory,
        int leaseSize = 1, TimeSpan? reaskWhenIdle = null) =>
        Akka.Actor.Props.Create(() => new EvaluatorActor(slot, population, runnerFactory, leaseSize, reaskWhenIdle));

    protected override void PreStart()
    {
        _thread = new SlotThread($"evaluator-{_slot}");
        _run = _runnerFactory(_slot);
        AskForWork();
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // The episodes of this incarnation are lost with it: give them back before starting over.
        _population.Tell(ReleaseLeases.Instance);
        base.PreRestart(reason, message);
    }

    protected override void PostStop() => _thread?.Dispose();

    private void RunNext()
    {
        if (_queue.Count == 0)
        {
            AskForWork();
            return;
        }
        var assignment = _queue.Dequeue();
        var run = _run!;
        _thread!.Run(() => new EpisodeRan(assignment.Key, run(assignment.Spec))).PipeTo(Self);
    }

    private void AskForWork()
    {
        _population.Tell(new RequestWork(_leaseSize));
        if (_reaskWhenIdle is { } interval) Timers.StartSingleTimer(ReaskTimer, Reask.Instance, interval);
    }

    private sealed record EpisodeRan(EpisodeKey Key, EpisodeResult Result);

    private sealed record Reask
    {
        public static Reask Instance { get; } = new();
    }
}

/// <summary>An episode threw (not a NaN loss, which is a result): the evaluator restarts.</summary>
public sealed class EpisodeFailedException(DeviceSlot slot, Exception inner)
    : Exception($"episode on {slot} failed: {inner.Message}", inner);
