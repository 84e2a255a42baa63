using Akka.Actor;
using Akka.Event;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// Pulls groups of episodes from the population actor, runs each group as one batch (one runner
/// call) on its slot's dedicated thread, and reports each group's results in one message. It asks
/// for more only when its lease is done, so work flows to whichever slot is free. The same protocol
/// serves local and remote evaluators. Results (and leases handed back) go to the population that
/// sent the lease: under the service the request goes to a scheduler, and the lease comes from one
/// of several runs' populations.
/// </summary>
public sealed class EvaluatorActor : ReceiveActor, IWithTimers
{
    private const string ReaskTimer = "reask";

    private readonly DeviceSlot _slot;
    private readonly IActorRef _population;
    private readonly LeaseIssuer _issuer;
    private readonly EpisodeBatchRunnerFactory _runnerFactory;
    private readonly int _requestEpisodes;
    private readonly TimeSpan? _reaskWhenIdle;
    private readonly DataCheck? _dataCheck;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // A lease's groups run one after another; a re-sent request can be answered twice, and a lease
    // that arrives while a group runs waits here too.
    private readonly Queue<(EpisodeGroup Group, IActorRef Issuer)> _waiting = new();
    // The populations whose leases this incarnation holds (waiting or running), told on a restart.
    private readonly HashSet<IActorRef> _holding = [];
    private SlotThread? _thread;
    private EpisodeBatchRunner? _run;
    private bool _running;

    /// <param name="population">the population actor, or null for the parent; in a cluster, the singleton proxy</param>
    /// <param name="issuer">who may send leases; null for <paramref name="population"/> itself (in a cluster, the singleton behind the proxy)</param>
    /// <param name="requestEpisodes">episodes asked for at once: the population leases whole groups up to this many, at least one</param>
    /// <param name="reaskWhenIdle">
    /// when set, a request unanswered for this long is sent again. A population that moved to another
    /// node (singleton hand-over) starts with no parked requests, so waiting evaluators must ask anew.
    /// </param>
    /// <param name="dataCheck">when set, a lease for a run whose data differs from this process's is not run (remote evaluators)</param>
    public EvaluatorActor(DeviceSlot slot, IActorRef? population, EpisodeBatchRunnerFactory runnerFactory, int requestEpisodes,
        TimeSpan? reaskWhenIdle, LeaseIssuer? issuer, DataCheck? dataCheck = null)
    {
        _slot = slot;
        _population = population ?? Context.Parent;
        _issuer = issuer ?? new LeaseIssuer.Exactly(_population);
        _runnerFactory = runnerFactory;
        _requestEpisodes = requestEpisodes;
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
            foreach (var group in lease.Groups) _waiting.Enqueue((group, Sender));
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
        Receive<GroupRan>(ran =>
        {
            // Asks first: the population persists the results before it reads its next message, so
            // a request sent after them would leave this slot idle for the journal write.
            if (_waiting.Count == 0) AskForWork();
            ran.Issuer.Tell(new GroupFinished([.. ran.Episodes.Select((e, i) => new EpisodeFinished(e.Key, ran.Results[i].Fitness, ran.Results[i].Outcome))]));
            RunNext();
        });
        Receive<Status.Failure>(failure =>
        {
            // Only this evaluator's own group may fail it: a failure sent from elsewhere would restart it for nothing.
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
        int requestEpisodes = 1, TimeSpan? reaskWhenIdle = null, LeaseIssuer? issuer = null, DataCheck? dataCheck = null) =>
        Akka.Actor.Props.Create(() => new EvaluatorActor(slot, population, runnerFactory, requestEpisodes, reaskWhenIdle, issuer, dataCheck));

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

    /// <summary>
    /// Starts the next waiting group, if any, as exactly one runner call: a group is the unit of the
    /// run's plan, so its members' results may depend on each other but not on who runs them. The
    /// caller has asked for more when none waits.
    /// </summary>
    private void RunNext()
    {
        if (!_waiting.TryDequeue(out var next))
        {
            _running = false;
            return;
        }
        _running = true;
        var (group, issuer) = next;
        var episodes = group.Episodes;
        var run = _run!;
        _thread!.Run(() =>
        {
            var results = run(episodes.Select(e => e.Spec).ToList());
            if (results.Length != episodes.Count)
                throw new InvalidOperationException($"the runner returned {results.Length} results for {episodes.Count} episodes");
            return new GroupRan(episodes, results, issuer);
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
        _population.Tell(new RequestWork(_requestEpisodes));
        if (_reaskWhenIdle is { } interval) Timers.StartSingleTimer(ReaskTimer, Reask.Instance, interval);
    }

    private sealed record GroupRan(IReadOnlyList<EpisodeAssignment> Episodes, EpisodeResult[] Results, IActorRef Issuer);

    private sealed record Reask
    {
        public static Reask Instance { get; } = new();
    }
}

/// <summary>A group threw (not a NaN loss, which is a result): the evaluator restarts and hands its lease back.</summary>
public sealed class EpisodeFailedException(DeviceSlot slot, Exception inner)
    : Exception($"episodes on {slot} failed: {Cause(inner).Message}", inner)
{
    /// <summary>A batch samples its episodes in parallel: say the first real error, not "One or more errors occurred".</summary>
    private static Exception Cause(Exception e) => e is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : e;
}
