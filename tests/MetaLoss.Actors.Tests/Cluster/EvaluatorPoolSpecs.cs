using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Tests.Evaluation;
using MetaLoss.Actors.Tests.Population;

namespace MetaLoss.Actors.Tests.Cluster;

/// <summary>A cluster node's evaluators: children of a pool, reaching the population through a given ref (the singleton proxy).</summary>
public sealed class EvaluatorPoolSpecs() : TestKit(SpecConfig.Patient)
{
    [Fact]
    public void Should_start_one_evaluator_per_slot_asking_the_given_population()
    {
        var population = CreateTestProbe();
        var slots = DeviceSlot.Parse("cpu:3");

        Sys.ActorOf(EvaluatorPool.Props([.. slots.Select(slot => EvaluatorActor.Props(slot, population.Ref, FakeEpisodes.Factory))]));

        var askers = Enumerable.Range(0, 3).Select(_ =>
        {
            population.ExpectMsg<RequestWork>();
            return population.LastSender;
        }).ToHashSet();
        Assert.Equal(3, askers.Count);
    }

    [Fact]
    public void Should_restart_a_failing_evaluator_which_hands_its_leases_back()
    {
        var population = CreateTestProbe();
        var flaky = new FlakyEpisodes(failures: 1);
        Sys.ActorOf(EvaluatorPool.Props([EvaluatorActor.Props(new DeviceSlot(DeviceKind.Cpu, 0), population.Ref, flaky.Factory)]));
        population.ExpectMsg<RequestWork>();
        var evaluator = population.LastSender;

        var spec = TestRuns.Settings().Template with { Loss = new Training.Models.LossSpec.MetaLoss(TestRuns.Architecture, TestRuns.InitialPhi()) };
        population.Send(evaluator, TestLeases.OneGroup(new EpisodeAssignment(new EpisodeKey(0, 0, 0), spec)));

        population.ExpectMsg<ReleaseLeases>();
        population.ExpectMsg<RequestWork>();
        Assert.Equal(evaluator, population.LastSender);
    }
}
