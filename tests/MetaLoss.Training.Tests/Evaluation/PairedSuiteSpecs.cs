using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Evolution;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Evaluation;

public class PairedSuiteSpecs
{
    private static readonly EpisodeRunner Runner = new(TestData.Catalog);

    private static readonly EpisodeSpec Template = new(DatasetName.FashionMnistTest, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0,
        PerClassTrain: 3, ValidationSize: 100, FirstHidden: 16, SecondHidden: 8, Steps: 4, RecordValidationCurve: true);

    [Fact]
    public void Should_run_every_setting_on_the_same_episodes_and_return_them_per_setting_in_seed_order()
    {
        var seeds = Enumerable.Range(0, 3).Select(i => SeedDerivation.ForTestEpisode(9, i)).ToList();
        LossSetting[] settings =
        [
            new(new LossSpec.CrossEntropy(), 0.2),
            new(new LossSpec.MeanSquaredError(), 0.5),
            new(new LossSpec.CrossEntropy(), 0.4, new LearningRateSchedule(LearningRateDecay.Cosine, 0.25)),
        ];

        var results = PairedSuite.Run(Runner, Template, settings, seeds, threads: 2);

        Assert.Equal(settings.Length, results.Count);
        for (var s = 0; s < settings.Length; s++)
        for (var e = 0; e < seeds.Count; e++)
        {
            var lone = Runner.Run(settings[s].ApplyTo(Template) with { TaskSeed = seeds[e].TaskSeed, InitSeed = seeds[e].InitSeed });
            Assert.Equal(lone.TrainLoss, results[s][e].TrainLoss);
            Assert.Equal(lone.ValidationAccuracy, results[s][e].ValidationAccuracy);
        }
    }

    [Fact]
    public void Should_describe_a_setting_with_its_learning_rate_and_schedule()
    {
        Assert.Equal("CE lr 0.4, cosine decay to 0.25x",
            new LossSetting(new LossSpec.CrossEntropy(), 0.4, new LearningRateSchedule(LearningRateDecay.Cosine, 0.25)).ToString());
        Assert.Equal("MSE lr 0.5", new LossSetting(new LossSpec.MeanSquaredError(), 0.5).ToString());
    }
}
