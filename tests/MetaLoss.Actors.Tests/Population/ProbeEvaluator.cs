using Akka.Actor;
using Akka.TestKit;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>Drives a population actor by hand, the way an evaluator would, with fake results.</summary>
public static class ProbeEvaluator
{
    public static WorkLease Take(this TestProbe evaluator, IActorRef population, int max)
    {
        evaluator.Send(population, new RequestWork(max));
        return evaluator.ExpectMsg<WorkLease>();
    }

    /// <summary>Takes up to <paramref name="episodes"/> episodes of the open generation and reports them.</summary>
    public static void Complete(this TestProbe evaluator, IActorRef population, int episodes)
    {
        foreach (var assignment in evaluator.Take(population, episodes).Episodes)
            evaluator.Send(population, TestRuns.Finish(assignment));
    }
}
