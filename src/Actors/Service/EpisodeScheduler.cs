using Akka.Actor;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;

namespace MetaLoss.Actors.Service;

/// <summary>
/// The service's shared evaluator pool: every evaluator (local slots and every joined node's) asks
/// here, and the request is offered to the active runs by fair share (<see cref="FairShare"/>). The
/// population that takes it leases to the evaluator directly, so the evaluator's usual checks (who
/// may send leases) and the population's (who may send results) stay as they are. A request no run
/// can serve waits here until a run has work: an evaluator is never told a run finished, so nodes
/// outlive runs.
/// </summary>
public sealed class EpisodeScheduler : ReceiveActor, IWithTimers
{
    /// <summary>How often runs that said they had no work are asked again (covers a population that restarted and forgot it owes a notice).</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    /// <summary>An offer unanswered this long (its population was restarting) is made again elsewhere.</summary>
    private static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(3);

    private readonly FairShare _share = new();
    private readonly Dictionary<string, IActorRef> _populations = [];
    private readonly EvaluatorRoster _roster = new();
    private readonly List<(IActorRef Evaluator, int Max)> _parked = [];
    private readonly Dictionary<IActorRef, Offer> _offers = [];

    public EpisodeScheduler()
    {
        Receive<ScheduleRun>(run =>
        {
            _populations[run.PersistenceId] = run.Population;
            _share.Add(run.PersistenceId, run.Priority);
            ServeParked();
        });
        Receive<UnscheduleRun>(run =>
        {
            _populations.Remove(run.PersistenceId);
            _share.Remove(run.PersistenceId);
        });
        Receive<RequestWork>(request =>
        {
            if (_roster.Add(Sender)) Context.Watch(Sender);
            // A re-sent request while an offer is out, or while parked, changes nothing.
            if (_offers.ContainsKey(Sender)) return;
            _parked.RemoveAll(p => p.Evaluator.Equals(Sender));
            OfferNext(Sender, request.MaxEpisodes, new HashSet<string>());
        });
        Receive<OfferTaken>(taken =>
        {
            if (!_offers.Remove(taken.Evaluator)) return;
            _share.Leased(taken.PersistenceId, taken.Episodes);
            _roster.Credit(taken.Evaluator);
        });
        Receive<OfferDeclined>(declined =>
        {
            if (!_offers.Remove(declined.Evaluator, out var offer)) return;
            _share.Idle(declined.PersistenceId);
            OfferNext(declined.Evaluator, offer.Max, new HashSet<string>(offer.Tried) { declined.PersistenceId });
        });
        Receive<WorkAvailable>(available =>
        {
            _share.Woke(available.PersistenceId);
            ServeParked();
        });
        Receive<Tick>(_ =>
        {
            var now = DateTime.UtcNow;
            foreach (var (evaluator, offer) in _offers.Where(pair => pair.Value.Deadline <= now).ToList())
            {
                _offers.Remove(evaluator);
                _parked.Add((evaluator, offer.Max));
            }
            _share.WakeAll();
            ServeParked();
        });
        Receive<GetEvaluators>(_ => Sender.Tell(_roster.ByNode(LocalAddress, new Leases())));
        Receive<Terminated>(t =>
        {
            _roster.Remove(t.ActorRef);
            _offers.Remove(t.ActorRef);
            _parked.RemoveAll(p => p.Evaluator.Equals(t.ActorRef));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props() => Akka.Actor.Props.Create(() => new EpisodeScheduler());

    protected override void PreStart() => Timers.StartPeriodicTimer("tick", Tick.Instance, Recheck);

    private Address LocalAddress => ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;

    private void OfferNext(IActorRef evaluator, int max, IReadOnlySet<string> tried)
    {
        if (_share.Next(tried) is not { } run)
        {
            _parked.Add((evaluator, max));
            return;
        }
        _offers[evaluator] = new Offer(max, tried, DateTime.UtcNow + OfferTimeout);
        _populations[run].Tell(new OfferWork(evaluator, max));
    }

    private void ServeParked()
    {
        if (_parked.Count == 0 || _share.Next(new HashSet<string>()) is null) return;
        var waiting = _parked.ToList();
        _parked.Clear();
        foreach (var (evaluator, max) in waiting) OfferNext(evaluator, max, new HashSet<string>());
    }

    private sealed record Offer(int Max, IReadOnlySet<string> Tried, DateTime Deadline);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }
}

/// <summary>The registry tells its scheduler that a run takes leases (running) with this weight. Local only.</summary>
public sealed record ScheduleRun(string PersistenceId, IActorRef Population, int Priority);

/// <summary>The registry tells its scheduler that a run takes no more leases (paused, cancelled, finished). Local only.</summary>
public sealed record UnscheduleRun(string PersistenceId);
