using Akka.Actor;
using Akka.Event;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// Pulls episodes from the population actor, runs each lease as one batch on its slot's dedicated
/// thread, and reports every result. It asks for more only when its lease is done, so work flows
/// to whichever slot is free. The same protocol serves local and remote evaluators. Results (and
/// leases handed back) go to the population that sent the lease: under the service the request goes
/// to a scheduler, and the lease comes from one of several runs' populations.
/// </summary>
public sealed class EvaluatorActor : ReceiveActor, IWithTimers
{
    private const string ReaskTimer = "reask";

    private readonly DeviceSlot _slot;
    private readonly IActorRef _population;
    private readonly LeaseIssuer _issuer;
    private readonly EpisodeBatchRunnerFactory _runnerFactory;
    private readonly int _batchSize;
    private readonly TimeSpan? _reaskWhenIdle;
    private readonly DataCheck? _dataCheck;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // A re-sent request can be answered twice; a lease that arrives while a batch runs waits here.
    private readonly Queue<(WorkLease Lease, IActorRef Issuer)> _waiting = new();
    // The populations whose leases this incarnation holds (waiting or running), told on a restart.
    private readonly HashSet<IActorRef> _holding = [];
    private SlotThread? _thread;
    private EpisodeBatchRunner? _run;
    private bool _running;

    /// <param name="population">the population actor, or null for the parent; in a cluster, the singleton proxy</param>
    /// <param name="issuer">who may send leases; null for <paramref name="population"/> itself (in a cluster, the singleton behind the proxy)</param>
    /// <param name="batchSize">episodes asked for at once, and so the largest batch this evaluator runs</param>
    /// <param name="reaskWhenIdle">
    /// when set, a request unanswered for this long is sent again. A population that moved to another
    /// node (singleton hand-over) starts with no parked requests, so waiting evaluators must ask anew.
    /// </param>
    /// <param name="dataCheck">when set, a lease for a run whose data differs from this process's is not run (remote evaluators)</param>
    public EvaluatorActor(DeviceSlot slot, IActorRef? population, EpisodeBatchRunnerFactory runnerFactory, int batchSize,
        TimeSpan? reaskWhenIdle, LeaseIssuer? issuer, DataCheck? dataCheck = null)
    {
        _slot = slot;
        _population = population ?? Context.Parent;
        _issuer = issuer ?? new LeaseIssuer.Exactly(_population);
        _runnerFactory = runnerFactory;
        _batchSize = batchSize;
        _reaskWhenIdle = reaskWhenIdle;
        _dataCheck = dataCheck;

        Receive<WorkLease>(lease =>
        {
            if (!FromPopulation(lease)) return;
            Timers.Cancel(ReaskTimer);
            if (_dataCheck?.Invoke(lease.Data) is { } mismatch)
            {
                // Results from other data would mix silently into the run: hand the lease back, ask for
                // no more, and let the host end (stopping would read as a failed evaluator).
                Sender.Tell(ReleaseLeases.Instance);
                Context.System.EventStream.Publish(new DataMismatch(mismatch));
                return;
            }
            _holding.Add(Sender);
            _waiting.Enqueue((lease, Sender));
            if (!_running) RunNext();
        });
        Receive<NoWorkAvailable>(none =>
        {
            if (!FromPopulation(none)) return;
            // Not finished: the population parks this request and answers when work appears.
            if (!none.RunFinished) return;
            Timers.Cancel(ReaskTimer);
            _log.Info("Evaluator {0}: run finished", _slot);
        });
        Receive<Reask>(_ => AskForWork());
        Receive<BatchRan>(ran =>
        {
            // Asks first: the population persists each result before it reads its next message, so
            // a request sent after the results would leave this slot idle for every journal write.
            if (_waiting.Count == 0) AskForWork();
            for (var i = 0; i < ran.Episodes.Count; i++)
                ran.Issuer.Tell(new EpisodeFinished(ran.Episodes[i].Key, ran.Results[i].Fitness, ran.Results[i].Outcome));
            RunNext();
        });
        Receive<Status.Failure>(failure =>
        {
            // Only this evaluator's own batch may fail it: a failure sent from elsewhere would restart it for nothing.
            if (!Sender.Equals(Self))
            {
                _log.Warning("Evaluator {0}: ignored a failure sent by {1}", _slot, Sender.Path);
                return;
            }
            throw new EpisodeFailedException(_slot, failure.Cause);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DeviceSlot slot, IActorRef? population, EpisodeBatchRunnerFactory runnerFactory,
        int batchSize = 1, TimeSpan? reaskWhenIdle = null, LeaseIssuer? issuer = null, DataCheck? dataCheck = null) =>
        Akka.Actor.Props.Create(() => new EvaluatorActor(slot, population, runnerFactory, batchSize, reaskWhenIdle, issuer, dataCheck));

    protected override void PreStart()
    {
        _thread = new SlotThread($"evaluator-{_slot}");
        _run = _runnerFactory(_slot);
        AskForWork();
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // The episodes of this incarnation are lost with it: give them back before starting over.
        foreach (var issuer in _holding.Append(_population).Distinct()) issuer.Tell(ReleaseLeases.Instance);
        base.PreRestart(reason, message);
    }

    protected override void PostStop() => _thread?.Dispose();

    /// <summary>Starts the next waiting lease, if any; the caller has asked for more when none waits.</summary>
    private void RunNext()
    {
        if (!_waiting.TryDequeue(out var next))
        {
            _running = false;
            return;
        }
        _running = true;
        var (lease, issuer) = next;
        var episodes = lease.Episodes;
        var run = _run!;
        _thread!.Run(() =>
        {
            var results = run(episodes.Select(e => e.Spec).ToList());
            if (results.Length != episodes.Count)
                throw new InvalidOperationException($"the runner returned {results.Length} results for {episodes.Count} episodes");
            return new BatchRan(episodes, results, issuer);
        }).PipeTo(Self, Self);
    }

    /// <summary>True for work (or word that there is none) from the population; anything else is logged.</summary>
    private bool FromPopulation(object message)
    {
        if (_issuer.Issued(Sender, Context)) return true;
        _log.Warning("Evaluator {0}: ignored a {1} from {2}, which is not the population", _slot, message.GetType().Name, Sender.Path);
        return false;
    }

    private void AskForWork()
    {
        _population.Tell(new RequestWork(_batchSize));
        if (_reaskWhenIdle is { } interval) Timers.StartSingleTimer(ReaskTimer, Reask.Instance, interval);
    }

    private sealed record BatchRan(IReadOnlyList<EpisodeAssignment> Episodes, EpisodeResult[] Results, IActorRef Issuer);

    private sealed record Reask
    {
        public static Reask Instance { get; } = new();
    }
}

/// <summary>A batch threw (not a NaN loss, which is a result): the evaluator restarts and hands its lease back.</summary>
public sealed class EpisodeFailedException(DeviceSlot slot, Exception inner)
    : Exception($"episodes on {slot} failed: {Cause(inner).Message}", inner)
{
    /// <summary>A batch samples its episodes in parallel: say the first real error, not "One or more errors occurred".</summary>
    private static Exception Cause(Exception e) => e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : e;
}
