using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Tests.Evaluation;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Actors.Tests.Population;

/// <summary>
/// A run over a task distribution: each episode index of a generation has one regime for every
/// candidate, the plan groups candidates of one index so a group shares a batch key, and a resumed
/// run finishes bit-identical to an uninterrupted one.
/// </summary>
public sealed class TaskDistributionRunSpecs() : TestKit(SpecConfig.InMemory)
{
    private static readonly TaskDistribution Tasks = new()
    {
        Sources = [new(DatasetName.FashionMnistMetaTrain, 2), new(DatasetName.TeacherImages, 1), new(DatasetName.FashionMnistRotated, 1)],
        Steps = new WholeRange(2, 6),
        PerClassTrain = new WholeRange(2, 4),
        FirstHidden = new WholeRange(8, 16),
        LearningRate = new RateRange(0.05, 0.5),
    };

    private static RunSettings Settings(bool paired = true, int batchSize = 4) =>
        TestRuns.Settings(parents: 3, episodes: 4, generations: 3, paired: paired, batchSize: batchSize) is var settings
            ? settings with
            {
                Template = settings.Template with { Dataset = DatasetName.FashionMnistMetaTrain, Classes = [.. Enumerable.Range(0, 10)] },
                Tasks = Tasks,
            }
            : throw new InvalidOperationException();

    private static PopulationState Open(RunSettings settings)
    {
        var state = PopulationState.Empty.Apply(new RunStarted(settings, TestRuns.InitialPhi()));
        return state.Apply(state.StartNextGeneration());
    }

    /// <summary>Classes are given, so a batch key needs no dataset.</summary>
    private static BatchKey KeyOf(EpisodeSpec spec) => BatchKey.Of(spec, new NoDatasets());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Should_give_every_candidate_the_same_regime_on_an_episode_index(bool paired)
    {
        var state = Open(Settings(paired));

        for (var episode = 0; episode < 4; episode++)
        {
            var regimes = Enumerable.Range(0, 6)
                .Select(c => state.SpecFor(new EpisodeKey(0, c, episode)) with { Loss = new Training.Models.LossSpec.CrossEntropy(), TaskSeed = 0, InitSeed = 0 })
                .Distinct().ToList();
            Assert.Single(regimes);
        }
        // The distribution varies: the indices do not all share one regime.
        Assert.True(Enumerable.Range(0, 4).Select(e => KeyOf(state.SpecFor(new EpisodeKey(0, 0, e)))).Distinct().Count() > 1);
        // Steps come from the range, not from the template's.
        Assert.All(Enumerable.Range(0, 4), e => Assert.InRange(state.SpecFor(new EpisodeKey(0, 0, e)).Steps, 2, 6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(50)]
    public void Should_plan_groups_episode_major_each_sharing_one_batch_key(int batchSize)
    {
        var state = Open(Settings(batchSize: batchSize));

        var groups = state.PlannedGroups();

        var planned = groups.SelectMany(g => g.Episodes).ToList();
        Assert.Equal(state.PendingEpisodes().OrderBy(k => k.Episode).ThenBy(k => k.Candidate), planned);
        Assert.All(groups, group => Assert.Single(group.Episodes.Select(key => KeyOf(state.SpecFor(key))).Distinct()));
        Assert.All(groups, group => Assert.Single(group.Episodes.Select(key => key.Episode).Distinct()));
        Assert.All(groups, group => Assert.InRange(group.Episodes.Count, 1, batchSize));
        Assert.Equal(Enumerable.Range(0, groups.Count), groups.Select(group => group.Key.Index));
    }

    [Fact]
    public void Should_give_training_episodes_the_drawn_class_count_and_meta_validation_all_classes()
    {
        var settings = Settings() with { Template = Settings().Template with { Classes = null }, Tasks = new TaskDistribution { Classes = new(3, 3) } };
        var state = Open(settings);

        for (var episode = 0; episode < 4; episode++)
        {
            var classes = Enumerable.Range(0, 6).Select(c => state.SpecFor(new EpisodeKey(0, c, episode)).Classes!).ToList();
            Assert.All(classes, c => Assert.Equal(3, c.Count));
            Assert.All(classes, c => Assert.Equal(classes[0], c));
        }
        Assert.Null(state.SpecFor(new EpisodeKey(0, 0, 0, MetaValidation: true)).Classes);
        // Planned episode-major: a group's episodes share their classes, so one batch key.
        Assert.All(state.PlannedGroups(), group => Assert.Single(group.Episodes.Select(key => KeyOf(state.SpecFor(key))).Distinct()));
        Assert.True(Enumerable.Range(0, 4).Select(e => string.Join(",", state.SpecFor(new EpisodeKey(0, 0, e)).Classes!)).Distinct().Count() > 1);
    }

    [Fact]
    public void Should_keep_the_candidate_major_plan_of_a_run_on_its_template()
    {
        var state = Open(Settings() with { Tasks = TaskDistribution.Default });

        var first = state.PlannedGroups()[0].Episodes;

        Assert.Equal([new(0, 0, 0), new(0, 0, 1), new(0, 0, 2), new(0, 0, 3)], first);
    }

    [Fact]
    public void Should_finish_a_resumed_run_bit_identical_to_an_uninterrupted_one()
    {
        var settings = Settings();
        var evaluator = CreateTestProbe();
        var uninterrupted = Sys.ActorOf(PopulationActor.Props("uninterrupted", TestRuns.Options, []));
        uninterrupted.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>();
        for (var g = 0; g < settings.Generations; g++) Complete(evaluator, uninterrupted, settings.EpisodesPerGeneration);

        var interrupted = Sys.ActorOf(PopulationActor.Props("interrupted", TestRuns.Options, []));
        interrupted.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>();
        Complete(evaluator, interrupted, settings.EpisodesPerGeneration);
        Complete(evaluator, interrupted, 9);
        Watch(interrupted);
        Sys.Stop(interrupted);
        ExpectTerminated(interrupted);
        var resumed = Sys.ActorOf(PopulationActor.Props("interrupted", TestRuns.Options, []));
        resumed.Tell(TestRuns.Start(settings));
        Assert.True(ExpectMsg<RunAccepted>().Resumed);
        while (!Status(resumed).Finished) Complete(evaluator, resumed, settings.EpisodesPerGeneration);

        var expected = Status(uninterrupted);
        Assert.True(expected.Finished);
        RunAssert.SameRun(expected, Status(resumed));
    }

    [Fact]
    public void Should_refuse_to_resume_with_another_distribution_naming_it()
    {
        var settings = Settings();
        var population = Sys.ActorOf(PopulationActor.Props("refused", TestRuns.Options, []));
        population.Tell(TestRuns.Start(settings));
        ExpectMsg<RunAccepted>();

        population.Tell(TestRuns.Start(settings with { Tasks = Tasks with { Steps = new WholeRange(2, 7) } }));

        var refusal = ExpectMsg<RunRejected>().Reason;
        Assert.Contains("tasks: journal has fashion-mnist-meta-train:2,teacher:1,fashion-mnist-rotated:1; steps 2..6;", refusal);
        Assert.Contains("asked for fashion-mnist-meta-train:2,teacher:1,fashion-mnist-rotated:1; steps 2..7;", refusal);
    }

    private RunStatus Status(IActorRef population)
    {
        population.Tell(GetRunStatus.Instance);
        return ExpectMsg<RunStatus>();
    }

    /// <summary>Reports the leased episodes with a fitness that depends on each episode's whole regime, not only its seeds and MLN.</summary>
    private static void Complete(TestProbe evaluator, IActorRef population, int episodes)
    {
        foreach (var assignment in evaluator.Take(population, episodes).Episodes)
        {
            var spec = assignment.Spec;
            var regime = FakeEpisodes.Mix((ulong)spec.Dataset ^ FakeEpisodes.Mix((ulong)(spec.Steps * 1_000_003 + spec.PerClassTrain * 1_009 + spec.FirstHidden)
                                          ^ BitConverter.DoubleToUInt64Bits(spec.LearningRate)));
            var fitness = 0.5 * FakeEpisodes.Run(spec).Fitness + 0.5 * ((regime >> 11) * (1.0 / (1UL << 53)));
            evaluator.Send(population, new EpisodeFinished(assignment.Key, fitness, EpisodeOutcome.Completed));
        }
    }

    private sealed class NoDatasets : IDatasetSource
    {
        public ImageDataset Get(DatasetName name) => throw new InvalidOperationException("a batch key with classes given reads no dataset");
    }
}
