using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Evaluation;

public class PairedSuiteSpecs
{
    private static readonly BatchedEpisodeRunner Runner = new(TestData.Catalog);

    private static readonly EpisodeSpec Template = new(DatasetName.FashionMnistTest, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0,
        PerClassTrain: 3, ValidationSize: 100, FirstHidden: 16, SecondHidden: 8, Steps: 4, RecordValidationCurve: true);

    private static readonly LossSetting[] Settings =
    [
        new(new LossSpec.CrossEntropy(), 0.2),
        new(new LossSpec.MeanSquaredError(), 0.5),
        new(new LossSpec.CrossEntropy(), 0.4, new LearningRateSchedule(LearningRateDecay.Cosine, 0.25)),
        new(new LossSpec.CrossEntropy(), 0.3, new LearningRateSchedule(LearningRateDecay.Linear, 0.1)),
    ];

    private static readonly IReadOnlyList<EpisodeSeeds> Seeds = [.. Enumerable.Range(0, 3).Select(i => SeedDerivation.ForTestEpisode(9, i))];

    [Fact]
    public void Should_run_an_episode_s_settings_as_one_group_and_return_them_per_setting_in_seed_order()
    {
        var results = PairedSuite.Run(Runner, Template, Settings, Seeds, threads: 2);

        Assert.Equal(Settings.Length, results.Count);
        for (var e = 0; e < Seeds.Count; e++)
        {
            var group = Runner.RunGroup([.. Settings.Select(s => s.ApplyTo(Template) with { TaskSeed = Seeds[e].TaskSeed, InitSeed = Seeds[e].InitSeed })]);
            for (var s = 0; s < Settings.Length; s++) AssertSame(group[s], results[s][e]);
        }
    }

    [Fact]
    public void Should_run_more_settings_of_one_kind_than_a_group_holds_as_groups_of_the_limit_in_order()
    {
        var rates = Enumerable.Range(1, PairedSuite.GroupLimit + 2).Select(i => new LossSetting(new LossSpec.CrossEntropy(), 0.05 * i)).ToList();
        var seeds = Seeds.Take(2).ToList();

        var results = PairedSuite.Run(Runner, Template, rates, seeds, threads: 2);

        for (var e = 0; e < seeds.Count; e++)
        {
            var specs = rates.Select(s => s.ApplyTo(Template) with { TaskSeed = seeds[e].TaskSeed, InitSeed = seeds[e].InitSeed }).ToList();
            var expected = Runner.RunGroup(specs[..PairedSuite.GroupLimit]).Concat(Runner.RunGroup(specs[PairedSuite.GroupLimit..])).ToList();
            for (var s = 0; s < rates.Count; s++) AssertSame(expected[s], results[s][e]);
        }
    }

    [Fact]
    public void Should_give_the_same_results_whatever_the_thread_count()
    {
        var one = PairedSuite.Run(Runner, Template, Settings, Seeds, threads: 1);
        var two = PairedSuite.Run(Runner, Template, Settings, Seeds, threads: 2);

        for (var s = 0; s < Settings.Length; s++)
        for (var e = 0; e < Seeds.Count; e++)
            AssertSame(one[s][e], two[s][e]);
    }

    private static void AssertSame(EpisodeResult expected, EpisodeResult actual)
    {
        Assert.Equal(expected.Fitness, actual.Fitness);
        Assert.Equal(expected.TrainLoss, actual.TrainLoss);
        Assert.Equal(expected.TrainAccuracy, actual.TrainAccuracy);
        Assert.Equal(expected.ValidationAccuracy, actual.ValidationAccuracy);
    }

    [Fact]
    public void Should_describe_a_setting_with_its_learning_rate_and_schedule()
    {
        Assert.Equal("CE lr 0.4, cosine decay to 0.25x",
            new LossSetting(new LossSpec.CrossEntropy(), 0.4, new LearningRateSchedule(LearningRateDecay.Cosine, 0.25)).ToString());
        Assert.Equal("MSE lr 0.5", new LossSetting(new LossSpec.MeanSquaredError(), 0.5).ToString());
    }
}
