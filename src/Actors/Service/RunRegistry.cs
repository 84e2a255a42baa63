using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Persistence;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Metrics;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Service;

/// <summary>
/// The service's registry of runs, event-sourced under <see cref="RegistryPersistenceId"/>: which runs
/// exist and where each stands in its life. Each run is a <see cref="PopulationActor"/> child (under
/// its own backoff supervisor) persisting as `population-&lt;run id&gt;`, exactly the actor `evolve`
/// runs, so a run here ends bit-identical to `evolve` with the same settings. The
/// <see cref="EpisodeScheduler"/> child shares the evaluators among the running runs, and the
/// <see cref="RunPreparer"/> child prepares submitted runs, one a core at a time. After a crash
/// the registry recovers, and every run it had running resumes from its own journal by itself.
/// </summary>
public sealed class RunRegistry : ReceivePersistentActor, IWithTimers
{
    public const string RegistryPersistenceId = "run-registry";

    /// <summary>Generations of history a remote asker gets in a <see cref="RunDetail"/> (37 bytes each, well inside a remoting frame).</summary>
    public const int RemoteHistoryLimit = 1000;

    private const string PopulationPrefix = "run-";
    private static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly RunPreparation _prepare;
    private readonly PopulationOptions _populationOptions;
    private readonly JournalRetries _journalRetries;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _populations = [];
    private readonly Dictionary<string, ProgressUpdate> _progress = [];
    private readonly HashSet<string> _starting = [];
    private readonly HashSet<string> _scheduled = [];
    private readonly ServicePushes _pushes = new(PushInterval);
    private RegistryState _state = RegistryState.Empty;
    private IActorRef _scheduler = ActorRefs.Nobody;
    private IActorRef _preparer = ActorRefs.Nobody;
    private DateTime _lastResubscribe = DateTime.MinValue;

    public RunRegistry(RunPreparation prepare, PopulationOptions populationOptions, JournalRetries journalRetries)
    {
        _prepare = prepare;
        _populationOptions = populationOptions;
        _journalRetries = journalRetries;

        Recover<IRegistryEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => ResumeRuns());

        Command<SubmitRun>(OnSubmit);
        Command<RunPrepared>(OnPrepared);
        Command<RunPreparationFailed>(OnPreparationFailed);
        Command<StartAnswered>(OnStartAnswered);
        Command<ListRuns>(_ => Sender.Tell(new RunList([.. _state.Runs.Select(Info)])));
        Command<GetRunDetail>(OnGetRunDetail);
        Command<GetBestMln>(OnGetBestMln);
        Command<ChangeRun>(OnChangeRun);
        Command<SubscribeService>(_ =>
        {
            _pushes.Subscribe(Context.Watch(Sender));
            foreach (var run in _state.Runs) Sender.Tell(new RunStateChanged(Info(run)));
        });
        Command<ProgressUpdate>(OnProgress);
        // The shared pool's requests go to the scheduler; results and returned leases go to the populations directly.
        Command<RequestWork>(request => _scheduler.Forward(request));
        Command<ReleaseLeases>(_ => { });
        Command<GetEvaluators>(_ => EvaluatorsAcrossRuns().PipeTo(Sender));
        // Other members only: this node's own arrival is no news to the service's subscribers.
        Command<ClusterEvent.MemberUp>(up =>
        {
            if (!IsSelf(up.Member.Address)) _pushes.Push(new NodeChanged(NodeName(up.Member.Address), Joined: true));
        });
        Command<ClusterEvent.MemberRemoved>(removed =>
        {
            if (!IsSelf(removed.Member.Address)) _pushes.Push(new NodeChanged(NodeName(removed.Member.Address), Joined: false));
        });
        Command<ClusterEvent.IClusterDomainEvent>(_ => { });
        Command<Terminated>(t => _pushes.Unsubscribe(t.ActorRef));
        Command<Tick>(_ => OnTick());
    }

    public override string PersistenceId => RegistryPersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RunPreparation prepare, PopulationOptions populationOptions, JournalRetries journalRetries) =>
        Akka.Actor.Props.Create(() => new RunRegistry(prepare, populationOptions, journalRetries));

    protected override void PreStart()
    {
        _scheduler = Context.ActorOf(EpisodeScheduler.Props(), "scheduler");
        _preparer = Context.ActorOf(RunPreparer.Props(_prepare, RunPreparer.AtOnce), "preparer");
        Timers.StartPeriodicTimer("tick", Tick.Instance, PushInterval);
        if (Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));
        base.PreStart();
    }

    protected override void PostStop()
    {
        if (Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        MetaLossMetrics.ActiveRuns(0);
        base.PostStop();
    }

    /// <summary>
    /// After recovery: every unfinished run gets its population back; running ones are scheduled,
    /// and unstarted ones, as well as ones whose preparation a stop cut short, are prepared again
    /// (the same settings give the same start).
    /// </summary>
    private void ResumeRuns()
    {
        foreach (var run in _state.Runs)
        {
            if (run.State is RunLifecycle.Preparing or RunLifecycle.Submitted) Prepare(run);
            if (!run.Registered) continue;
            // Finished and cancelled runs too: their populations report the progress the run list shows.
            PopulationOf(run);
            if (run.State is RunLifecycle.Running or RunLifecycle.Paused) Extend(run);
            if (run.State == RunLifecycle.Running) Schedule(run);
        }
        if (_state.Runs.Count > 0)
            _log.Info("Run registry recovered {0} run(s): {1}", _state.Runs.Count,
                string.Join(", ", _state.Runs.Select(r => $"{r.Name} {r.State.ToString().ToLowerInvariant()}")));
    }

    private void OnSubmit(SubmitRun submit)
    {
        if (Refusal(submit) is { } refusal)
        {
            Sender.Tell(new SubmitRefused(refusal, Conflict: false));
            return;
        }
        // A refused run's name is free again: the new submission replaces it.
        if (_state.Find(submit.Name) is { State: not RunLifecycle.Refused } existing)
        {
            if (RegistryState.Raise(existing, submit) is { } raise)
            {
                RaiseGenerations(raise);
                return;
            }
            Sender.Tell(RegistryState.Conflict(existing, submit) is { } conflict ? new SubmitRefused(conflict, Conflict: true)
                : existing.State == RunLifecycle.Preparing ? new RunPreparing(submit.Name)
                : new RunExists(Info(existing)));
            return;
        }
        // Journaled and answered before the slow part, so that no request waits on a fit and a
        // restart meanwhile loses nothing; GetRunDetail tells how the preparation ended.
        Persist(new RunSubmitted(submit.Name, RunId.New(), submit.Settings, submit.Priority), e =>
        {
            _state = _state.Apply(e);
            Sender.Tell(new RunPreparing(e.Name));
            var run = _state.Find(e.Name)!;
            Prepare(run);
            Pushed(run);
        });
    }

    /// <summary>
    /// Journals the larger count, then tells the population (which journals its own extension) and
    /// puts a finished run back on the schedule. Answered with the run as it now stands.
    /// </summary>
    private void RaiseGenerations(RunGenerationsRaised raise)
    {
        Persist(raise, e =>
        {
            _state = _state.Apply(e);
            var run = _state.Find(e.Name)!;
            _log.Info("Run {0} raised to {1} generations", run.Name, e.Generations);
            Extend(run);
            if (run.State == RunLifecycle.Running) Schedule(run);
            Sender.Tell(new RunExists(Info(run)));
            Pushed(run);
        });
    }

    /// <summary>
    /// The population's start with the registry's settings: a population journaled with fewer
    /// generations extends itself (also after a restart that came between the two journals); one
    /// with as many accepts it as it is. Not <see cref="Start"/>: that one skips a run whose start is
    /// still being answered, and this count must reach the population whatever else is in flight.
    /// </summary>
    private void Extend(RegisteredRun run)
    {
        var (name, log) = (run.Name, _log);
        PopulationOf(run).Ask<IPopulationMessage>(new StartRun(run.Settings, []) { Run = run.Id }, AskTimeout).ContinueWith(answer =>
        {
            // The population stays at its count until the registry's next start tries again.
            if (answer.IsFaulted || answer.Result is RunRejected)
                log.Error("Run {0} could not be given its generations: {1}", name,
                    answer.IsFaulted ? ErrorText.Of(answer.Exception!) : ((RunRejected)answer.Result).Reason);
        }, TaskScheduler.Default);
    }

    /// <summary>The run's start, prepared by the preparer (seconds, one a core at a time); the answer comes back as a message.</summary>
    private void Prepare(RegisteredRun run) => _preparer.Tell(new PrepareRun(run.Name, run.Id, run.Settings));

    private static string? Refusal(SubmitRun submit)
    {
        if (submit.Refusal() is { } refusal) return refusal;
        try
        {
            submit.Settings.Validate();
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private void OnPrepared(RunPrepared prepared)
    {
        // Registered before a stop, not yet started: prepared again as it was, it starts now.
        if (_state.Find(prepared.Name) is { State: RunLifecycle.Submitted } submitted && submitted.Id == prepared.Id)
        {
            Start(submitted, prepared.Start);
            return;
        }
        // Cancelled meanwhile, or a second answer for one preparation (a restart prepares again): nothing to do.
        if (Preparing(prepared.Name, prepared.Id) is not { } preparing) return;
        Persist(new RunRegistered(preparing.Name, preparing.Id, preparing.Settings, preparing.Priority), e =>
        {
            _state = _state.Apply(e);
            var run = _state.Find(e.Name)!;
            _log.Info("Run {0} submitted as {1} (priority {2})", run.Name, run.Id, run.Priority);
            PopulationOf(run);
            Start(run, prepared.Start);
            Pushed(run);
        });
    }

    private void OnPreparationFailed(RunPreparationFailed failed)
    {
        if (_state.Find(failed.Name) is { State: RunLifecycle.Submitted } submitted && submitted.Id == failed.Id)
        {
            // Stays submitted: the next start of the registry tries again.
            _log.Error("Run {0} could not start: {1}", submitted.Name, failed.Reason);
            return;
        }
        if (Preparing(failed.Name, failed.Id) is null) return;
        Persist(new RunRefused(failed.Name, failed.Id, failed.Reason), e =>
        {
            _state = _state.Apply(e);
            _log.Warning("Run {0} refused: {1}", e.Name, e.Reason);
            Pushed(_state.Find(e.Name)!);
        });
    }

    private RegisteredRun? Preparing(string name, RunId id) =>
        _state.Find(name) is { State: RunLifecycle.Preparing } run && run.Id == id ? run : null;

    /// <summary>Hands the population its StartRun (prepared now, or again after a restart: the same settings give the same start).</summary>
    private void Start(RegisteredRun run, StartRun prepared)
    {
        if (!_starting.Add(run.Name)) return;
        var name = run.Name;
        PopulationOf(run).Ask<IPopulationMessage>(prepared with { Run = run.Id }, TimeSpan.FromMinutes(1)).PipeTo(Self,
            success: answer => new StartAnswered(name, answer),
            failure: e => new StartAnswered(name, new RunRejected(ErrorText.Of(e))));
    }

    private void OnStartAnswered(StartAnswered answered)
    {
        _starting.Remove(answered.Name);
        if (_state.Find(answered.Name) is not { } run) return;
        if (answered.Answer is not RunAccepted)
        {
            // Stays submitted: the next start of the registry tries again.
            _log.Error("Run {0} could not start: {1}", run.Name, answered.Answer is RunRejected rejected ? rejected.Reason : answered.Answer.ToString());
            return;
        }
        if (run.State != RunLifecycle.Submitted) return;
        Persist(new RunLifecycleChanged(run.Name, RunLifecycle.Running), e =>
        {
            _state = _state.Apply(e);
            var running = _state.Find(e.Name)!;
            Schedule(running);
            Pushed(running);
        });
    }

    private void OnChangeRun(ChangeRun change)
    {
        if (_state.Find(change.Name) is not { } run)
        {
            Sender.Tell(new RunNotFound(change.Name));
            return;
        }
        var (changed, refusal) = RegistryState.Change(run, change.Change);
        if (refusal is not null)
        {
            Sender.Tell(new ChangeRefused(refusal));
            return;
        }
        if (changed is null)
        {
            Sender.Tell(Info(run));
            return;
        }
        var asker = Sender;
        Persist(changed, e =>
        {
            _state = _state.Apply(e);
            var now = _state.Find(e.Name)!;
            _log.Info("Run {0} {1}", now.Name, now.State.ToString().ToLowerInvariant());
            if (now.State == RunLifecycle.Cancelled) _preparer.Tell(new ForgetPreparation(now.Id));
            var info = Info(now);
            _populations.TryGetValue(now.Name, out var population);
            if (now.State == RunLifecycle.Running)
            {
                // Lifted before the scheduler hears of the run: its first offer then finds the population leasing.
                population?.Tell(new HoldLeasing(false));
                Schedule(now);
                asker.Tell(info);
            }
            else
            {
                Unschedule(now);
                // Answered once the population holds its leasing, so no lease starts after the answer,
                // not even for an offer the scheduler sent before it heard (a restarting population
                // that does not answer in time gets no offers either: the run is off the schedule).
                if (population is null) asker.Tell(info);
                else population.Ask<LeasingHeld>(new HoldLeasing(true), AskTimeout).ContinueWith(_ => info, TaskScheduler.Default).PipeTo(asker);
            }
            Pushed(now);
        });
    }

    private void OnGetRunDetail(GetRunDetail get)
    {
        var run = _state.Find(get.Name);
        if (run is not { Registered: true })
        {
            Sender.Tell(run switch
            {
                null => new RunNotFound(get.Name),
                { State: RunLifecycle.Preparing } => new RunPreparing(get.Name),
                _ => new SubmitRefused(run.Refusal ?? "", Conflict: false),
            });
            return;
        }
        var limit = Sender.Path.Address.HasGlobalScope ? RemoteHistoryLimit : int.MaxValue;
        var info = Info(run);
        PopulationOf(run).Ask<RunStatus>(GetRunStatus.Instance, AskTimeout)
            .PipeTo(Sender, success: status => new RunDetail(info, run.Settings, status.WithLatestHistory(limit).History));
    }

    private void OnGetBestMln(GetBestMln get)
    {
        // A run that never started has no MLN, and no population to ask.
        if (_state.Find(get.Name) is not { Registered: true } run)
        {
            Sender.Tell(new RunNotFound(get.Name));
            return;
        }
        PopulationOf(run).Ask<RunStatus>(GetRunStatus.Instance, AskTimeout).PipeTo(Sender, success: status =>
            status.BestValidated is { } validated
                ? new BestMln(run.Name, run.Settings.Architecture, validated.Genome.Phi, validated.Generation, validated.Score)
                : status.Best is { } best
                    ? new BestMln(run.Name, run.Settings.Architecture, best.Phi, status.Generation, null)
                    // Not started yet: no MLN to give.
                    : new RunNotFound(run.Name));
    }

    private void OnProgress(ProgressUpdate progress)
    {
        if (RunNameOf(Sender) is not { } name || _state.Find(name) is not { } run) return;
        _progress[name] = progress;
        if (progress.BestFitness is { } best) MetaLossMetrics.BestFitness(name, best);
        foreach (var generation in _pushes.NewGenerations(name, progress.Recent))
            _pushes.Push(new RunGenerationCompleted(name, generation));
        // A population still at the count before a raise is not finished with the run.
        if (progress.Finished && progress.Generations >= run.Settings.Generations
            && run.State is RunLifecycle.Submitted or RunLifecycle.Running or RunLifecycle.Paused)
        {
            Persist(new RunLifecycleChanged(name, RunLifecycle.Finished), e =>
            {
                _state = _state.Apply(e);
                var finished = _state.Find(e.Name)!;
                _log.Info("Run {0} finished", name);
                Unschedule(finished);
                Pushed(finished);
            });
            return;
        }
        _pushes.Changed(Info(run));
    }

    private void OnTick()
    {
        _pushes.Flush(name => _state.Find(name) is { } run ? Info(run) : null);
        if (DateTime.UtcNow - _lastResubscribe < Resubscribe) return;
        // A population restarted by its supervisor (journal fault) has forgotten its subscribers.
        _lastResubscribe = DateTime.UtcNow;
        foreach (var run in _state.Runs.Where(r => r.Unfinished && _populations.ContainsKey(r.Name)))
            _populations[run.Name].Tell(SubscribeProgress.Instance);
    }

    /// <summary>The run's population (its backoff supervisor), made on first need; the registry follows its progress.</summary>
    private IActorRef PopulationOf(RegisteredRun run)
    {
        if (_populations.TryGetValue(run.Name, out var population)) return population;
        var props = _journalRetries.Supervise(PopulationActor.Props(run.Id.PersistenceId, _populationOptions with { MetricsName = run.Name }, []));
        population = Context.ActorOf(props, PopulationPrefix + run.Name);
        _populations[run.Name] = population;
        population.Tell(SubscribeProgress.Instance);
        return population;
    }

    private void Schedule(RegisteredRun run)
    {
        if (!_scheduled.Add(run.Name)) return;
        _scheduler.Tell(new ScheduleRun(run.Id.PersistenceId, PopulationOf(run), run.Priority));
        MetaLossMetrics.ActiveRuns(_scheduled.Count);
    }

    private void Unschedule(RegisteredRun run)
    {
        if (!_scheduled.Remove(run.Name)) return;
        _scheduler.Tell(new UnscheduleRun(run.Id.PersistenceId));
        MetaLossMetrics.ActiveRuns(_scheduled.Count);
    }

    private void Pushed(RegisteredRun run) => _pushes.PushNow(new RunStateChanged(Info(run)));

    private RunInfo Info(RegisteredRun run)
    {
        var progress = _progress.GetValueOrDefault(run.Name);
        return new RunInfo(run.Name, run.Id, run.State, run.Priority,
            progress?.Generation ?? 0, run.Settings.Generations,
            progress?.EpisodesDoneThisGeneration ?? 0, progress?.EpisodesPerGeneration ?? run.Settings.EpisodesPerGeneration,
            progress?.EpisodesCompleted ?? 0, progress?.BestFitness, progress?.Recent.LastOrDefault()?.BestValidationScore, run.Refusal);
    }

    /// <summary>The run whose population sent a message: populations are `population` children of `run-NAME` supervisors.</summary>
    private static string? RunNameOf(IActorRef population) =>
        population.Path.Parent.Name is var supervisor && supervisor.StartsWith(PopulationPrefix, StringComparison.Ordinal)
            ? supervisor[PopulationPrefix.Length..]
            : null;

    /// <summary>
    /// Slots per node as the scheduler has seen them (an evaluator serves every run, so it counts
    /// once), and episodes in flight and done summed over the runs' populations.
    /// </summary>
    private Task<EvaluatorsByNode> EvaluatorsAcrossRuns()
    {
        var slots = AskOrEmpty(_scheduler);
        var runs = _populations.Values.Select(AskOrEmpty).ToList();
        return Task.WhenAll(runs.Append(slots)).ContinueWith(_ =>
        {
            var byNode = runs.SelectMany(r => r.Result.Nodes).GroupBy(n => n.Node)
                .ToDictionary(g => g.Key, g => (InFlight: g.Sum(n => n.EpisodesInFlight), Done: g.Sum(n => n.EpisodesDone)));
            var nodes = slots.Result.Nodes.Select(n => n.Node).Union(byNode.Keys).Order(StringComparer.Ordinal)
                .Select(node => new NodeEvaluators(node,
                    slots.Result.Nodes.FirstOrDefault(n => n.Node == node)?.Slots ?? 0,
                    byNode.GetValueOrDefault(node).InFlight, byNode.GetValueOrDefault(node).Done))
                .ToList();
            return new EvaluatorsByNode(nodes);
        }, TaskScheduler.Default);

        static Task<EvaluatorsByNode> AskOrEmpty(IActorRef actor) =>
            actor.Ask<EvaluatorsByNode>(GetEvaluators.Instance, TimeSpan.FromSeconds(3))
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : new EvaluatorsByNode([]), TaskScheduler.Default);
    }

    private static string NodeName(Address address) => EvaluatorRoster.NodeName(address);

    private bool IsSelf(Address address) => address.Equals(Akka.Cluster.Cluster.Get(Context.System).SelfAddress);

    private sealed record StartAnswered(string Name, IPopulationMessage Answer);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }
}
