using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Population;

namespace MetaLoss.Actors.Tests.Cluster;

/// <summary>The population's live view of its evaluators, which `status --cluster` shows per node.</summary>
public sealed class EvaluatorRosterSpecs() : TestKit(SpecConfig.InMemory)
{
    private IActorRef StartedPopulation()
    {
        var population = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []));
        population.Tell(TestRuns.Start(TestRuns.Settings(generations: 3)));
        ExpectMsg<RunAccepted>();
        return population;
    }

    private NodeEvaluators Local(IActorRef population)
    {
        population.Tell(GetEvaluators.Instance);
        return Assert.Single(ExpectMsg<EvaluatorsByNode>().Nodes);
    }

    [Fact]
    public void Should_count_slots_episodes_in_flight_and_results_per_node()
    {
        var population = StartedPopulation();
        var busy = CreateTestProbe();
        var finishing = CreateTestProbe();

        busy.Take(population, 1);
        finishing.Complete(population, 2);

        Assert.Equal(new NodeEvaluators("local", Slots: 2, EpisodesInFlight: 1, EpisodesDone: 2), Local(population));
    }

    [Fact]
    public void Should_forget_an_evaluator_that_died()
    {
        var population = StartedPopulation();
        var doomed = CreateTestProbe();
        var survivor = CreateTestProbe();
        doomed.Take(population, 1);
        survivor.Take(population, 1);

        Watch(doomed.Ref);
        Sys.Stop(doomed.Ref);
        ExpectTerminated(doomed.Ref);

        AwaitAssert(() => Assert.Equal(new NodeEvaluators("local", 1, 1, 0), Local(population)));
    }

    [Fact]
    public void Should_not_credit_a_duplicate_result()
    {
        var population = StartedPopulation();
        var evaluator = CreateTestProbe();
        var lease = evaluator.Take(population, 1);

        evaluator.Send(population, TestRuns.Finish(lease.Episodes[0]));
        evaluator.Send(population, TestRuns.Finish(lease.Episodes[0]));

        AwaitAssert(() => Assert.Equal(1, Local(population).EpisodesDone));
    }
}
