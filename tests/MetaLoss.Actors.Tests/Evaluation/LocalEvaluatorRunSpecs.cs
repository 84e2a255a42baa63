using Akka.Actor;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Population;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>Whole small runs with real evaluator children running fake episodes.</summary>
public sealed class LocalEvaluatorRunSpecs() : TestKit(SpecConfig.InMemory)
{
    private static readonly RunSettings Settings = TestRuns.Settings(parents: 3, episodes: 2, generations: 4);

    private RunStatus RunToEnd(string id, int evaluators, EpisodeBatchRunnerFactory runner, int batchSize = 1)
    {
        var slots = Enumerable.Range(0, evaluators)
            .Select(i => EvaluatorActor.Props(new DeviceSlot(DeviceKind.Cpu, i), null, runner, batchSize))
            .ToList();
        var population = Sys.ActorOf(PopulationActor.Props(id, TestRuns.Options, slots));
        var progress = CreateTestProbe();
        progress.Send(population, SubscribeProgress.Instance);
        population.Tell(TestRuns.Start(Settings));
        ExpectMsg<RunAccepted>(accepted => !accepted.Resumed);
        progress.FishForMessage<ProgressUpdate>(update => update.Finished, TimeSpan.FromSeconds(20));
        population.Tell(GetRunStatus.Instance);
        return ExpectMsg<RunStatus>();
    }

    [Fact]
    public void Should_reach_the_same_result_whichever_evaluators_ran_the_episodes()
    {
        var alone = RunToEnd("one", 1, FakeEpisodes.Factory);
        var shared = RunToEnd("three", 3, FakeEpisodes.Factory);
        var batched = RunToEnd("batched", 2, FakeEpisodes.Factory, batchSize: 5);

        Assert.Equal(Settings.Generations, alone.History.Count);
        Assert.Equal(Settings.Generations * Settings.EpisodesPerGeneration, alone.EpisodesCompleted);
        RunAssert.SameRun(alone, shared);
        RunAssert.SameRun(alone, batched);
    }

    [Fact]
    public void Should_finish_with_the_same_result_when_episodes_throw()
    {
        var flaky = new FlakyEpisodes(failures: 4);

        var faulted = RunToEnd("faulted", 3, flaky.Factory);

        Assert.True(flaky.Incarnations >= 3 + 4, $"only {flaky.Incarnations} evaluator incarnations: the faults did not restart evaluators");
        RunAssert.SameRun(RunToEnd("clean", 3, FakeEpisodes.Factory), faulted);
        Assert.Equal(Settings.Generations * Settings.EpisodesPerGeneration, faulted.EpisodesCompleted);
    }

    [Fact]
    public void Should_log_a_clear_error_when_every_local_evaluator_has_stopped()
    {
        EpisodeBatchRunnerFactory broken = _ => _ => throw new InvalidOperationException("device lost");

        EventFilter.Error(contains: "All 2 local evaluators have stopped").ExpectOne(TimeSpan.FromSeconds(10), () =>
        {
            var slots = Enumerable.Range(0, 2)
                .Select(i => EvaluatorActor.Props(new DeviceSlot(DeviceKind.Cpu, i), null, broken))
                .ToList();
            Sys.ActorOf(PopulationActor.Props("broken", TestRuns.Options, slots)).Tell(TestRuns.Start(Settings));
        });
    }
}
