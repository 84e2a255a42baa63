using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Population;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>
/// When every evaluator of a parent has stopped after failing repeatedly, the parent says so with
/// the last error: the population to its progress subscribers, a node's pool to its owner.
/// </summary>
public sealed class EvaluatorsFailedSpecs() : TestKit(SpecConfig.InMemory)
{
    private const string Fault = "simulated broken device";

    /// <summary>Every batch throws, as on a device that is gone or data that cannot give an episode.</summary>
    private static readonly EpisodeBatchRunnerFactory Broken = _ => _ => throw new InvalidOperationException(Fault);

    private static List<Akka.Actor.Props> Evaluators(int count, Akka.Actor.IActorRef? population) =>
        [.. Enumerable.Range(0, count).Select(i => EvaluatorActor.Props(new DeviceSlot(DeviceKind.Cpu, i), population, Broken))];

    [Fact]
    public void Should_tell_progress_subscribers_early_and_late_when_every_local_evaluator_has_failed()
    {
        var population = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, Evaluators(2, null)));
        population.Tell(TestRuns.Start(TestRuns.Settings()));
        ExpectMsg<RunAccepted>();
        var early = CreateTestProbe();
        population.Tell(SubscribeProgress.Instance, early.Ref);

        var failed = early.FishForMessage<EvaluatorsFailed>(_ => true, TimeSpan.FromSeconds(30));
        Assert.Equal(2, failed.Evaluators);
        Assert.Matches($"^episodes on cpu:[01] failed: {Fault}$", failed.LastError);

        var late = CreateTestProbe();
        population.Tell(SubscribeProgress.Instance, late.Ref);
        late.ExpectMsg<ProgressUpdate>(progress => !progress.Finished);
        Assert.Equal(failed, late.ExpectMsg<EvaluatorsFailed>());
    }

    [Fact]
    public void Should_tell_the_pool_owner_when_every_evaluator_of_the_node_has_failed()
    {
        var population = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []));
        population.Tell(TestRuns.Start(TestRuns.Settings()));
        ExpectMsg<RunAccepted>();
        var owner = CreateTestProbe();

        Sys.ActorOf(EvaluatorPool.Props(Evaluators(3, population), failed => owner.Ref.Tell(failed)));

        var failed = owner.ExpectMsg<EvaluatorsFailed>(TimeSpan.FromSeconds(30));
        Assert.Equal(3, failed.Evaluators);
        Assert.EndsWith($"failed: {Fault}", failed.LastError);
        owner.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Should_not_report_while_one_evaluator_still_works()
    {
        var population = Sys.ActorOf(PopulationActor.Props("run", TestRuns.Options, []));
        var settings = TestRuns.Settings(generations: 2);
        population.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>();
        var owner = CreateTestProbe();
        var working = EvaluatorActor.Props(new DeviceSlot(DeviceKind.Cpu, 9), population, FakeEpisodes.Factory);

        Sys.ActorOf(EvaluatorPool.Props([.. Evaluators(2, population), working], failed => owner.Ref.Tell(failed)));

        AwaitAssert(() =>
        {
            population.Tell(GetRunStatus.Instance);
            Assert.True(ExpectMsg<RunStatus>().Finished);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        owner.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Should_keep_an_error_of_any_length_bounded()
    {
        var failed = new EvaluatorsFailed(1, new string('x', 1_000_000));
        Assert.Equal(ErrorText.MaxLength + 3, failed.LastError.Length);
        Assert.Equal("short", new JournalFault("short").Cause);
    }
}
