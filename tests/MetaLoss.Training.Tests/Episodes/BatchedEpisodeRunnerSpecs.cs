using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>
/// Every member of a batch trains as its lone episode (the group of one) does, with its own loss,
/// learning rate and schedule, and fails alone: equal up to the rounding of products of another
/// shape.
/// </summary>
public class BatchedEpisodeRunnerSpecs
{
    private static readonly BatchedEpisodeRunner Batched = new(TestData.Catalog);

    private static LossSpec.MetaLoss Mln(ulong seed) => new(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(seed));

    private static EpisodeSpec Spec(LossSpec loss, ulong seed, double learningRate = EpisodeDefaults.LearningRate) =>
        new(DatasetName.FashionMnistTrain, loss, TaskSeed: seed, InitSeed: seed + 1000, LearningRate: learningRate,
            RecordValidationCurve: true);

    [Fact]
    public void Should_match_lone_episodes_for_mln_members_with_different_phi_seeds_and_learning_rates()
    {
        var specs = new[]
        {
            Spec(Mln(1), 11, 0.2), Spec(Mln(2), 12, 0.1), Spec(Mln(3), 13, 0.2), Spec(Mln(4), 14, 0.35),
        };
        AssertEachMatchesLone(specs, Batched.Run(specs));
    }

    [Fact]
    public void Should_match_lone_episodes_for_cross_entropy_members()
    {
        var specs = Enumerable.Range(0, 5).Select(i => Spec(new LossSpec.CrossEntropy(), (ulong)(20 + i), 0.1 + 0.05 * i)).ToArray();
        AssertEachMatchesLone(specs, Batched.Run(specs));
    }

    [Fact]
    public void Should_match_lone_episodes_for_members_with_different_learning_rate_schedules()
    {
        var specs = new[]
        {
            Spec(new LossSpec.CrossEntropy(), 35),
            Spec(new LossSpec.CrossEntropy(), 36) with { Schedule = new LearningRateSchedule(LearningRateDecay.Linear, 0.1) },
            Spec(new LossSpec.CrossEntropy(), 37) with { Schedule = new LearningRateSchedule(LearningRateDecay.Cosine, 0) },
        };
        AssertEachMatchesLone(specs, Batched.Run(specs));
    }

    [Fact]
    public void Should_match_lone_episodes_for_mean_squared_error_members()
    {
        var specs = Enumerable.Range(0, 3).Select(i => Spec(new LossSpec.MeanSquaredError(), (ulong)(30 + i))).ToArray();
        AssertEachMatchesLone(specs, Batched.Run(specs));
    }

    [Fact]
    public void Should_match_lone_episodes_when_members_share_one_task()
    {
        // Paired scoring: same task seed, different classifiers and losses; the rows are expanded, not copied.
        var specs = Enumerable.Range(0, 4).Select(i => Spec(Mln((ulong)(40 + i)), 40) with { InitSeed = (ulong)(400 + i) }).ToArray();
        AssertEachMatchesLone(specs, Batched.Run(specs));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_match_lone_episodes_when_members_share_one_task_and_one_initialisation(bool recordValidationCurve)
    {
        // As `evolve` plans a paired group: candidates' losses on one episode's task and classifier.
        var specs = Enumerable.Range(0, 5)
            .Select(i => Spec(Mln((ulong)(50 + i)), 50, 0.1 + 0.05 * i) with { RecordValidationCurve = recordValidationCurve }).ToArray();
        AssertEachMatchesLone(specs, Batched.Run(specs));
    }

    [Fact]
    public void Should_flag_a_member_with_a_nan_loss_and_still_match_the_others()
    {
        var broken = MlnArchitecture.Default.RandomParameters(6);
        broken[^1] = float.NaN;
        var specs = new[] { Spec(Mln(5), 50), Spec(new LossSpec.MetaLoss(MlnArchitecture.Default, broken), 51), Spec(Mln(7), 52) };

        var results = Batched.Run(specs);

        Assert.Equal(EpisodeOutcome.NonFiniteLoss, results[1].Outcome);
        Assert.Equal(0, results[1].Fitness);
        Assert.Empty(results[1].TrainLoss);
        Assert.Equal(EpisodeOutcome.Completed, results[0].Outcome);
        AssertEachMatchesLone(specs, results);
    }

    [Fact]
    public void Should_flag_every_member_when_every_loss_is_nan()
    {
        var broken = MlnArchitecture.Default.RandomParameters(6);
        broken[0] = float.NaN;
        var loss = new LossSpec.MetaLoss(MlnArchitecture.Default, broken);

        var results = Batched.Run([Spec(loss, 55), Spec(loss, 56)]);

        Assert.All(results, r => Assert.Equal(EpisodeOutcome.NonFiniteLoss, r.Outcome));
        Assert.All(results, r => Assert.Equal(0, r.Fitness));
        Assert.All(results, r => Assert.Empty(r.ValidationAccuracy));
    }

    [Fact]
    public void Should_freeze_a_member_that_diverges_mid_episode_and_still_match_the_others()
    {
        // A huge learning rate trains a few finite steps before the loss or the weights blow up.
        var specs = new[] { Spec(new LossSpec.CrossEntropy(), 60), Spec(new LossSpec.CrossEntropy(), 61, 1e9), Spec(new LossSpec.CrossEntropy(), 62) };

        var results = Batched.Run(specs);

        Assert.True(results[1].Flagged);
        Assert.NotEmpty(results[1].TrainLoss);
        Assert.False(results[0].Flagged);
        AssertEachMatchesLone(specs, results);
    }

    [Fact]
    public void Should_group_mixed_specs_into_batches_and_return_results_in_input_order()
    {
        var specs = new[]
        {
            Spec(Mln(8), 70),
            Spec(new LossSpec.CrossEntropy(), 71) with { Steps = 5, RecordValidationCurve = false },
            Spec(new LossSpec.MeanSquaredError(), 72) with { Classes = [0, 1, 7] },
            Spec(Mln(9), 73),
            Spec(new LossSpec.CrossEntropy(), 74) with { Steps = 5, RecordValidationCurve = false },
        };
        var results = Batched.Run(specs);
        Assert.Equal(5, results[1].TrainLoss.Length);
        Assert.Empty(results[1].ValidationAccuracy);
        AssertEachMatchesLone(specs, results);
    }

    [Fact]
    public void Should_train_each_member_of_one_group_with_its_own_loss_in_runs_of_any_order()
    {
        var specs = new[]
        {
            Spec(new LossSpec.CrossEntropy(), 80),
            Spec(new LossSpec.CrossEntropy(), 81, learningRate: 0.4),
            Spec(new LossSpec.MeanSquaredError(), 82),
            Spec(Mln(10), 83),
            Spec(new LossSpec.Focal(2), 84),
            Spec(new LossSpec.CrossEntropy(), 85),
        };

        AssertEachMatchesLone(specs, Batched.RunGroup(specs));
    }

    [Fact]
    public void Should_refuse_to_batch_different_kinds_of_loss_together()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            BatchedLosses.Create([new LossSpec.CrossEntropy(), new LossSpec.MeanSquaredError()]));
        Assert.Contains("one kind of loss", error.Message);
    }

    private static void AssertEachMatchesLone(IReadOnlyList<EpisodeSpec> specs, IReadOnlyList<EpisodeResult> batched)
    {
        Assert.Equal(specs.Count, batched.Count);
        for (var p = 0; p < specs.Count; p++) CloseResult.Assert(Batched.Run(specs[p]), batched[p], $"member {p}");
    }
}
