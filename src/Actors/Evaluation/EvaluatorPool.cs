using Akka.Actor;
using Akka.Event;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// Parent of a cluster node's evaluators. In a cluster the population actor is a singleton that may
/// move between nodes, so evaluators cannot be its children: this pool supervises them the same way
/// and they reach the population through the singleton proxy. When the last of them has stopped
/// after failing repeatedly, it tells <c>allFailed</c> (if given) with the last error.
/// </summary>
public sealed class EvaluatorPool : ReceiveActor
{
    private readonly EvaluatorHealth _health = new();

    public EvaluatorPool(IReadOnlyList<Props> evaluators, Action<EvaluatorsFailed>? allFailed)
    {
        for (var i = 0; i < evaluators.Count; i++) _health.Started(Context.Watch(Context.ActorOf(evaluators[i], $"evaluator-{i}")));
        var log = Context.GetLogger();
        Receive<Terminated>(t =>
        {
            if (_health.Stopped(t.ActorRef) is not { } failed) return;
            log.Error("All {0} evaluators of this node have stopped after failing repeatedly (last error: {1}); " +
                      "this node takes no more episodes", failed.Evaluators, failed.LastError);
            allFailed?.Invoke(failed);
        });
    }

    public static Props Props(IReadOnlyList<Props> evaluators, Action<EvaluatorsFailed>? allFailed = null) =>
        Akka.Actor.Props.Create(() => new EvaluatorPool(evaluators, allFailed));

    protected override SupervisorStrategy SupervisorStrategy() => EvaluatorSupervision.Strategy(_health);
}
