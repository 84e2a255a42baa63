using Akka.Actor;

namespace MetaLoss.Actors.Evaluation;

/// <summary>How a parent of evaluators (the population actor, or a cluster node's evaluator pool) treats their failures.</summary>
public static class EvaluatorSupervision
{
    /// <summary>
    /// A throwing evaluator is restarted (it hands its leases back in PreRestart); one that keeps
    /// failing is stopped, and its episodes go to the others. The strategy logs each failure, and
    /// <paramref name="health"/> remembers the last one.
    /// </summary>
    public static SupervisorStrategy Strategy(EvaluatorHealth health) => new OneForOneStrategy(10, TimeSpan.FromMinutes(1), cause =>
    {
        health.Failed(cause);
        return Directive.Restart;
    });
}
