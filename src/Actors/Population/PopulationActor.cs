using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Metrics;
using MetaLoss.Actors.Serialization;

namespace MetaLoss.Actors.Population;

/// <summary>
/// Runs the evolution strategy as an event-sourced actor: commands decide which events to persist,
/// and state changes only by applying persisted events. Work is pulled: evaluators ask, episodes
/// are leased, and a lease whose evaluator dies, restarts or times out goes back to the queue.
/// Local evaluators are its children; evaluators elsewhere (when it runs as a cluster singleton)
/// talk to it through the singleton proxy with the same messages.
/// </summary>
public sealed class PopulationActor : ReceivePersistentActor, IWithTimers
{
    private readonly PopulationOptions _options;
    private readonly IReadOnlyList<Props> _localEvaluators;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Leases _leases = new();
    private readonly LeaseClock _leaseClock = new();
    private readonly EvaluatorRoster _roster = new();
    private readonly List<(IActorRef Evaluator, int Max)> _parked = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly EvaluatorHealth _localEvaluatorHealth = new();
    private PopulationState _state = PopulationState.Empty;
    private bool _evaluatorsStarted;
    private IActorRef? _startRequester;
    // The service's scheduler, when this population declined its offer and owes it word of new work.
    private IActorRef? _scheduler;
    // Set while the service has the run paused or cancelled: every offer is declined.
    private bool _leasingHeld;
    // Set when every local evaluator has stopped; told to every progress subscriber, late ones too.
    private EvaluatorsFailed? _evaluatorsFailed;

    public PopulationActor(string persistenceId, PopulationOptions options, IReadOnlyList<Props> localEvaluators)
    {
        PersistenceId = persistenceId;
        _options = options;
        _localEvaluators = localEvaluators;

        Recover<SnapshotOffer>(offer => _state = (PopulationState)offer.Snapshot);
        Recover<IPopulationEvent>(e => _state = _state.Apply(e));
        // A restarted incarnation (after a journal fault, or a hand-over) carries on by itself.
        Recover<RecoveryCompleted>(_ =>
        {
            if (_state.Started) Self.Tell(ContinueRun.Instance);
        });

        Command<StartRun>(OnStartRun);
        Command<ContinueRun>(_ => Continue());
        Command<RequestWork>(request =>
        {
            if (_roster.Add(Sender)) Context.Watch(Sender);
            Lease(Sender, _options.LeaseSize(request.MaxEpisodes));
        });
        Command<OfferWork>(OnOfferWork);
        Command<HoldLeasing>(hold =>
        {
            _leasingHeld = hold.Held;
            Sender.Tell(new LeasingHeld(hold.Held));
        });
        Command<EpisodeFinished>(finished => OnResults([finished]));
        Command<GroupFinished>(group => OnResults(group.Results));
        Command<ReleaseLeases>(_ => Requeue(_leases.ReleaseAll(Sender), "evaluator restarted"));
        Command<Terminated>(t =>
        {
            _subscribers.Remove(t.ActorRef);
            _roster.Remove(t.ActorRef);
            _parked.RemoveAll(p => p.Evaluator.Equals(t.ActorRef));
            Requeue(_leases.ReleaseAll(t.ActorRef), "evaluator terminated");
            if (_localEvaluatorHealth.Stopped(t.ActorRef) is { } failed && !_state.Finished) EvaluatorsHaveFailed(failed);
        });
        Command<CheckLeases>(_ => Requeue(_leases.ReleaseExpired(DateTime.UtcNow), "lease expired"));
        // A remote asker gets the latest history only: the whole of a long run's would not fit a frame.
        Command<GetRunStatus>(_ => Sender.Tell(Sender.Path.Address.HasGlobalScope
            ? _state.ToStatus().WithLatestHistory(RunStatus.RemoteHistoryLimit)
            : _state.ToStatus()));
        Command<GetEvaluators>(_ => Sender.Tell(_roster.ByNode(LocalAddress, _leases)));
        Command<SubscribeProgress>(_ =>
        {
            _subscribers.Add(Sender);
            Context.Watch(Sender);
            Sender.Tell(_state.ToProgress());
            if (_evaluatorsFailed is not null) Sender.Tell(_evaluatorsFailed);
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("Snapshot failed, the journal still has every event: {0}", f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string persistenceId, PopulationOptions options, IReadOnlyList<Props> localEvaluators) =>
        Akka.Actor.Props.Create(() => new PopulationActor(persistenceId, options, localEvaluators));

    protected override void PreStart()
    {
        var interval = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _options.LeaseTimeout.Ticks / 4));
        Timers.StartPeriodicTimer("leases", CheckLeases.Instance, interval);
    }

    protected override SupervisorStrategy SupervisorStrategy() => EvaluatorSupervision.Strategy(_localEvaluatorHealth);

    private Address LocalAddress => ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;

    private string MetricsName => _options.MetricsName ?? PersistenceId;

    /// <summary>
    /// The service's scheduler offers an evaluator's request: lease now, or decline and say so when
    /// there is work again. Never parked here, so the scheduler can offer it to another run.
    /// </summary>
    private void OnOfferWork(OfferWork offer)
    {
        if (_roster.Add(offer.Evaluator)) Context.Watch(offer.Evaluator);
        var leased = _state.Finished || _leasingHeld ? 0 : Grant(offer.Evaluator, _options.LeaseSize(offer.MaxEpisodes));
        if (leased > 0)
        {
            Sender.Tell(new OfferTaken(PersistenceId, offer.Evaluator, leased));
            return;
        }
        _scheduler = Sender;
        Sender.Tell(new OfferDeclined(PersistenceId, offer.Evaluator));
    }

    private void OnStartRun(StartRun start)
    {
        if (start.Run is { } run && run.PersistenceId != PersistenceId)
        {
            Sender.Tell(new RunRejected($"the population here persists {PersistenceId}, not run {run} ({run.PersistenceId}); give the run id its first `evolve` printed"));
            return;
        }
        if (_state.Started)
        {
            Resume(start);
            return;
        }
        try
        {
            start.Settings.Validate();
            if (_options.BatchSizeRefusal(start.Settings.BatchSize) is { } tooLarge) throw new ArgumentException(tooLarge);
            CheckInitialPhi(start);
        }
        catch (ArgumentException e)
        {
            Sender.Tell(new RunRejected(e.Message));
            return;
        }
        var requester = _startRequester = Sender;
        Persist(new RunStarted(start.Settings, start.InitialPhi, start.Fit) { Run = start.Run }, e =>
        {
            _state = _state.Apply(e);
            _log.Info("Run started: initial MLN from {0}{1}", e.Settings.Init, e.Fit is null ? "" : $", {e.Fit}");
            _startRequester = null;
            requester.Tell(new RunAccepted(Resumed: false, 0, e.Settings));
            Continue();
        });
    }

    /// <summary>
    /// A start for the run this actor holds: accepted when every setting it states is the journal's,
    /// except that it may ask for more generations, which are journaled before it is accepted.
    /// </summary>
    private void Resume(StartRun start)
    {
        var journaled = _state.Settings!;
        var asked = start.Settings.Keeping(journaled, start.Unstated);
        var differences = journaled.Differences(asked.Generations > journaled.Generations ? asked with { Generations = journaled.Generations } : asked);
        if (differences.Count > 0)
        {
            var fewer = asked.Generations < journaled.Generations ? " (a resume may give a run more generations, not fewer)" : "";
            Sender.Tell(new RunRejected("this run directory holds a run with other settings: " + string.Join("; ", differences) + fewer));
            return;
        }
        // The cap may have been lowered since the run started: its groups must still fit a lease.
        if (_options.BatchSizeRefusal(journaled.BatchSize) is { } tooLarge)
        {
            Sender.Tell(new RunRejected(tooLarge));
            return;
        }
        if (asked.Generations == journaled.Generations)
        {
            Sender.Tell(new RunAccepted(Resumed: true, _state.Generation, journaled));
            return;
        }
        var requester = Sender;
        Persist(new RunExtended(asked.Generations), e =>
        {
            _state = _state.Apply(e);
            _log.Info("Run extended from {0} to {1} generations", journaled.Generations, e.Generations);
            requester.Tell(new RunAccepted(Resumed: true, _state.Generation, _state.Settings!));
            Continue();
        });
    }

    /// <summary>
    /// A bad initial MLN must be refused before it is persisted: applying it would throw (non-finite
    /// values) or every episode would (wrong length), and a journal holding it could never resume.
    /// </summary>
    private static void CheckInitialPhi(StartRun start)
    {
        var expected = start.Settings.Architecture.ParameterCount;
        if (start.InitialPhi.Length != expected)
            throw new ArgumentException(
                $"the initial MLN has {start.InitialPhi.Length} parameters, but architecture {start.Settings.Architecture} needs {expected}");
        var bad = Array.FindIndex(start.InitialPhi, v => !float.IsFinite(v));
        if (bad >= 0) throw new ArgumentException($"the initial MLN's parameter {bad} is {start.InitialPhi[bad]}; parameters must be finite");
    }

    /// <summary>
    /// Akka stops the actor after this and the backoff supervisor starts it again: right for a journal
    /// that is down, which may come back, but a corrupt event or snapshot fails the same way forever.
    /// That the host hears of on the event stream and ends with one line (Akka's own report, with its
    /// stack trace, is left out). A failed replay names no sequence number; the corrupt event is the
    /// one after the last that replayed.
    /// </summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        if (message is null && !IsCorrupt(reason))
        {
            PublishJournalFault(reason);
            base.OnRecoveryFailure(reason, message);
            return;
        }
        var snapshot = reason is CorruptPayloadException { PayloadType: var type } && type == typeof(PopulationState);
        var sequenceNr = message is not null ? LastSequenceNr : snapshot ? (long?)null : LastSequenceNr + 1;
        Context.System.EventStream.Publish(new PopulationRecoveryFailed(PersistenceId, sequenceNr, reason.Message));
    }

    private static bool IsCorrupt(Exception e) => e is SerializationException || (e.InnerException is { } inner && IsCorrupt(inner));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The actor stops and its supervisor restarts it from the journal; a start that was never
        // written must still be answered, or the host waits forever.
        if (@event is RunStarted)
            _startRequester?.Tell(new RunRejected($"could not write the run's start to the journal: {cause.Message}"));
        PublishJournalFault(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // A rejected event was not stored, but the decision that made it is not retried by itself
        // (a rejected GenerationStarted or GenerationCompleted would stall the run). Stopping lets
        // the backoff supervisor restart from the journal, which redoes the decision.
        if (@event is RunStarted)
            _startRequester?.Tell(new RunRejected($"the journal refused the run's start: {cause.Message}"));
        _log.Error(cause, "The journal rejected {0} (sequence number {1}); restarting from the journal", @event.GetType().Name, sequenceNr);
        PublishJournalFault(cause);
        Context.Stop(Self);
    }

    /// <summary>For the journal watch on this node, which ends the process with this cause if the faults go on.</summary>
    private void PublishJournalFault(Exception cause) => Context.System.EventStream.Publish(new JournalFault(cause.Message));

    /// <summary>Nothing local can run episodes any more: say so to the progress subscribers (the host ends the run).</summary>
    private void EvaluatorsHaveFailed(EvaluatorsFailed failed)
    {
        _log.Error("All {0} local evaluators have stopped after failing repeatedly (last error: {1}); " +
                   "the run cannot progress until another evaluator asks for work", failed.Evaluators, failed.LastError);
        _evaluatorsFailed = failed;
        foreach (var subscriber in _subscribers) subscriber.Tell(failed);
    }

    /// <summary>Moves the run forward from wherever it stands: start evaluators, open or close a generation.</summary>
    private void Continue()
    {
        if (!_evaluatorsStarted && !_state.Finished)
        {
            _evaluatorsStarted = true;
            for (var i = 0; i < _localEvaluators.Count; i++)
                _localEvaluatorHealth.Started(Context.Watch(Context.ActorOf(_localEvaluators[i], $"evaluator-{i}")));
        }
        if (_state.NeedsGenerationStart)
        {
            Persist(_state.StartNextGeneration(), e =>
            {
                _state = _state.Apply(e);
                ServeParked();
                Publish();
            });
        }
        else
        {
            Progress();
        }
    }

    /// <summary>
    /// Journals the results that may be persisted in one write, each checked on its own. A refused
    /// result changes nothing, not even the lease: a forged result naming the holder must not take the
    /// episode away from it, and a holder that never sends a usable one loses it on expiry.
    /// </summary>
    private void OnResults(IReadOnlyList<EpisodeFinished> results)
    {
        var accepted = new List<(EpisodeKey Key, IPopulationEvent Event)>();
        foreach (var finished in results)
        {
            // A regrouped group's members already done: compared, never persisted twice.
            if (_state.HasResult(finished.Key))
            {
                if (RecomputedResult.Difference(finished, _state) is { } difference)
                    _log.Warning("Dropped a result for episode {0} from {1}: {2}", finished.Key, Sender.Path, difference);
                continue;
            }
            var refusal = accepted.Any(a => a.Key == finished.Key)
                ? "a second result for the episode in one message"
                : ResultCheck.Refusal(finished, Sender, _leases, _state);
            if (refusal is not null)
            {
                _log.Warning("Dropped a result for episode {0} from {1}: {2}", finished.Key, Sender.Path, refusal);
                continue;
            }
            _roster.Credit(Sender);
            MetaLossMetrics.EpisodeCompleted(MetricsName, EvaluatorRoster.NodeName(Sender.Path.Address.HasGlobalScope ? Sender.Path.Address : LocalAddress),
                _leaseClock.Finished(finished.Key) ?? TimeSpan.Zero);
            var key = finished.Key;
            accepted.Add((key, key.MetaValidation
                ? new MetaValidationEpisodeCompleted(key.Generation, key.Candidate, key.Episode, finished.Fitness, finished.Outcome)
                : new EpisodeCompleted(key.Generation, key.Candidate, key.Episode, finished.Fitness, finished.Outcome)));
        }
        if (accepted.Count == 0) return;
        var applied = 0;
        PersistAll(accepted.Select(a => a.Event), e =>
        {
            _state = _state.Apply(e);
            if (++applied == accepted.Count) Recorded(accepted.Select(a => a.Key));
        });
    }

    /// <summary>Results are in the journal: a group's lease ends once the whole group is.</summary>
    private void Recorded(IEnumerable<EpisodeKey> keys)
    {
        foreach (var key in keys) _leases.ReleaseIfDone(key, _state.HasResult);
        // After the release: a group's lease ends with its last result, not with each result.
        MetaLossMetrics.LeasesPending(MetricsName, _leases.Count);
        Progress();
    }

    /// <summary>
    /// After a result: record the shortlist's meta-validation scores once they are all in, close the
    /// generation once nothing is left to run, and otherwise hand out what became runnable (the
    /// meta-validation episodes appear when the last training result arrives).
    /// </summary>
    private void Progress()
    {
        if (_state.ValidationDue)
        {
            Persist(_state.CompleteValidation(), e =>
            {
                _state = _state.Apply(e);
                _log.Info("Generation {0} meta-validation: {1}", e.Generation,
                    string.Join(", ", e.Scores.Select(s => $"candidate {s.Candidate} {s.Score:F4}")));
                Progress();
            });
        }
        else if (_state.GenerationComplete)
        {
            CloseGeneration();
        }
        else
        {
            ServeParked();
            Publish();
        }
    }

    private void CloseGeneration()
    {
        Persist(_state.CompleteGeneration(), e =>
        {
            _state = _state.Apply(e);
            _log.Info("Generation {0} done: best {1:F4}, mean {2:F4}", e.Generation, e.BestFitness, e.MeanFitness);
            if (_state.Generation % _options.SnapshotEveryGenerations == 0) SaveSnapshot(_state);
            if (_state.Finished)
            {
                foreach (var (evaluator, _) in _parked) evaluator.Tell(new NoWorkAvailable(RunFinished: true));
                _parked.Clear();
                Publish();
                return;
            }
            Continue();
        });
    }

    private void Lease(IActorRef evaluator, int max)
    {
        if (_state.Finished)
        {
            evaluator.Tell(new NoWorkAvailable(RunFinished: true));
            return;
        }
        if (Grant(evaluator, max) > 0) return;
        _parked.RemoveAll(p => p.Evaluator.Equals(evaluator));
        _parked.Add((evaluator, max));
    }

    /// <summary>
    /// Leases whole pending groups, up to <paramref name="max"/> episodes but at least one group, to the
    /// evaluator; how many episodes (0 when no group is free).
    /// </summary>
    private int Grant(IActorRef evaluator, int max)
    {
        var groups = GroupPlan.TakeWhole(_state.PendingGroups().Where(group => !_leases.IsLeased(group.Key)), max);
        if (groups.Count == 0) return 0;
        var deadline = DateTime.UtcNow + _options.LeaseTimeout;
        foreach (var group in groups) _leases.Grant(group, evaluator, deadline);
        var lease = new WorkLease([.. groups.Select(_state.Assign)]) { Data = _state.Settings!.Data };
        _leaseClock.Granted([.. lease.Episodes.Select(e => e.Key)]);
        MetaLossMetrics.LeasesPending(MetricsName, _leases.Count);
        Context.Watch(evaluator);
        evaluator.Tell(lease);
        return lease.Episodes.Count;
    }

    private void Requeue(IReadOnlyList<EpisodeKey> keys, string why)
    {
        if (keys.Count == 0) return;
        _log.Warning("Re-queued {0} episode(s): {1}", keys.Count, why);
        _leaseClock.Forget(keys);
        MetaLossMetrics.LeasesPending(MetricsName, _leases.Count);
        ServeParked();
    }

    private void ServeParked()
    {
        if (_scheduler is not null && !_state.Finished && _state.PendingGroups().Any(group => !_leases.IsLeased(group.Key)))
        {
            _scheduler.Tell(new WorkAvailable(PersistenceId));
            _scheduler = null;
        }
        var waiting = _parked.ToList();
        _parked.Clear();
        foreach (var (evaluator, max) in waiting) Lease(evaluator, max);
    }

    private void Publish()
    {
        if (_subscribers.Count == 0) return;
        var progress = _state.ToProgress();
        foreach (var subscriber in _subscribers) subscriber.Tell(progress);
    }

    private sealed record ContinueRun
    {
        public static ContinueRun Instance { get; } = new();
    }

    private sealed record CheckLeases
    {
        public static CheckLeases Instance { get; } = new();
    }
}
