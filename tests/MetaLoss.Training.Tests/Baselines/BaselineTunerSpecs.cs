using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Baselines;

public class BaselineTunerSpecs
{
    private const int Episodes = 4;

    private static readonly BaselineGrid SmallGrid = new(
        [0.05, 0.2], [0.5], [0.3], [LearningRateDecay.Linear, LearningRateDecay.Cosine], [0.25]);

    private static EpisodeSpec Template(DatasetName dataset) =>
        new(dataset, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0, PerClassTrain: 3, ValidationSize: 100,
            FirstHidden: 16, SecondHidden: 8, Steps: 4);

    [Fact]
    public void Should_read_only_the_training_split()
    {
        var source = new RecordingDatasetSource(TestData.Catalog);
        new BaselineTuner(source).Tune(Template(DatasetName.FashionMnistTrain), SmallGrid, Episodes, suiteSeed: 1, threads: 2);
        Assert.Equal([DatasetName.FashionMnistTrain], source.Requested);
    }

    [Theory]
    [InlineData(DatasetName.FashionMnistTest)]
    [InlineData(DatasetName.Cifar10Test)]
    public void Should_refuse_a_test_split_before_reading_any_data(DatasetName testSplit)
    {
        var source = new RecordingDatasetSource(TestData.Catalog);
        var error = Assert.Throws<ArgumentException>(() =>
            new BaselineTuner(source).Tune(Template(testSplit), SmallGrid, Episodes, suiteSeed: 1, threads: 2));
        Assert.Contains("meta-training episodes only", error.Message);
        Assert.Empty(source.Requested);
    }

    [Fact]
    public void Should_score_every_grid_point_on_the_same_episodes_and_pick_each_familys_best()
    {
        var tuned = new BaselineTuner(TestData.Catalog).Tune(Template(DatasetName.FashionMnistTrain), SmallGrid, Episodes, suiteSeed: 1, threads: 2);

        Assert.Equal(BaselineTuner.EpisodeCount(SmallGrid, 1), tuned.Grid.Count);
        Assert.All(tuned.Grid, row => Assert.Equal(Episodes, row.Accuracy.Count));
        foreach (var (family, chosen) in new[]
                 {
                     (BaselineFamily.CrossEntropyConstant, tuned.CrossEntropy),
                     (BaselineFamily.MeanSquaredErrorConstant, tuned.MeanSquaredError),
                     (BaselineFamily.CrossEntropySchedule, tuned.CrossEntropySchedule),
                 })
        {
            var rows = tuned.Grid.Where(r => r.Family == family).ToList();
            Assert.Equal(rows.Max(r => r.Accuracy.Mean), rows.Single(r => r.Setting == chosen).Accuracy.Mean);
        }
        Assert.IsType<LossSpec.MeanSquaredError>(tuned.MeanSquaredError.Loss);
        Assert.NotNull(tuned.CrossEntropySchedule.Schedule);
        Assert.Null(tuned.CrossEntropy.Schedule);
    }

    [Fact]
    public void Should_give_the_same_table_for_the_same_seed_whatever_the_thread_count()
    {
        var tuner = new BaselineTuner(TestData.Catalog);
        var one = tuner.Tune(Template(DatasetName.FashionMnistTrain), SmallGrid, Episodes, suiteSeed: 5, threads: 1);
        var two = tuner.Tune(Template(DatasetName.FashionMnistTrain), SmallGrid, Episodes, suiteSeed: 5, threads: 2);
        Assert.Equal(one.Grid.Select(r => r.Accuracy), two.Grid.Select(r => r.Accuracy));
        Assert.Equal(one.CrossEntropySchedule, two.CrossEntropySchedule);
    }

    [Fact]
    public void Should_draw_tuning_seeds_apart_from_the_meta_test_suites()
    {
        for (var i = 0; i < 50; i++)
        {
            var tuning = SeedDerivation.ForTuningEpisode(2026, i);
            var test = SeedDerivation.ForTestEpisode(2026, i);
            Assert.NotEqual(test.TaskSeed, tuning.TaskSeed);
            Assert.NotEqual(test.InitSeed, tuning.InitSeed);
        }
    }

    [Fact]
    public void Should_refuse_an_empty_or_constant_schedule_grid()
    {
        var tuner = new BaselineTuner(TestData.Catalog);
        var template = Template(DatasetName.FashionMnistTrain);
        Assert.Throws<ArgumentException>(() => tuner.Tune(template, SmallGrid with { CrossEntropyRates = [] }, Episodes, 1, 1));
        Assert.Throws<ArgumentException>(() => tuner.Tune(template, SmallGrid with { ScheduleDecays = [LearningRateDecay.Constant] }, Episodes, 1, 1));
        Assert.Throws<ArgumentException>(() => tuner.Tune(template, SmallGrid with { MeanSquaredErrorRates = [-0.5] }, Episodes, 1, 1));
    }
}
