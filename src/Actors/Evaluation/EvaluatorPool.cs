using Akka.Actor;
using Akka.Event;

namespace MetaLoss.Actors.Evaluation;

/// <summary>
/// Parent of a cluster node's evaluators. In a cluster the population actor is a singleton that may
/// move between nodes, so evaluators cannot be its children: this pool supervises them the same way
/// and they reach the population through the singleton proxy.
/// </summary>
public sealed class EvaluatorPool : ReceiveActor
{
    private int _live;

    public EvaluatorPool(IReadOnlyList<Props> evaluators)
    {
        for (var i = 0; i < evaluators.Count; i++) Context.Watch(Context.ActorOf(evaluators[i], $"evaluator-{i}"));
        _live = evaluators.Count;
        var log = Context.GetLogger();
        Receive<Terminated>(_ =>
        {
            if (--_live == 0)
                log.Error("All {0} evaluators of this node have stopped after failing repeatedly (see the errors above); " +
                          "this node takes no more episodes", evaluators.Count);
        });
    }

    public static Props Props(IReadOnlyList<Props> evaluators) => Akka.Actor.Props.Create(() => new EvaluatorPool(evaluators));

    protected override SupervisorStrategy SupervisorStrategy() => EvaluatorSupervision.Strategy();
}
