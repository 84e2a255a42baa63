using MetaLoss.Host.Evaluation;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests;

public class TransferSuiteSettingsSpecs
{
    private static readonly EpisodeSpec Run = new(DatasetName.FashionMnistMetaTrain, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0,
        RecordValidationCurve: true, Schedule: new LearningRateSchedule(LearningRateDecay.Cosine, 0.25));

    [Fact]
    public void Should_tune_every_setting_on_the_runs_meta_training_split_in_the_settings_own_regime()
    {
        foreach (var setting in TransferSuite.Settings(Run))
        {
            Assert.Equal(DatasetName.FashionMnistMetaTrain, setting.Tuning.Dataset);
            Assert.True(DatasetSplits.IsTrainingSplit(setting.Tuning.Dataset));
            Assert.False(DatasetSplits.IsTrainingSplit(setting.Test.Dataset), $"{setting.Name} tests on a training split");
            Assert.Equal(setting.Test with { Dataset = setting.Tuning.Dataset }, setting.Tuning);
        }
    }

    [Fact]
    public void Should_change_one_thing_per_setting_from_the_regime_the_mln_was_evolved_in()
    {
        var regime = Run with { RecordValidationCurve = false, Schedule = null };
        var settings = TransferSuite.Settings(Run);

        EpisodeSpec[] expected =
        [
            regime with { Dataset = DatasetName.FashionMnistTest },
            regime with { Dataset = DatasetName.Cifar10Test },
            regime with { Dataset = DatasetName.FashionMnistTest, Steps = 60 },
            regime with { Dataset = DatasetName.FashionMnistTest, Classes = [0, 1, 2, 3, 4] },
            regime with { Dataset = DatasetName.FashionMnistTest, FirstHidden = 64, SecondHidden = 32 },
            regime with { Dataset = DatasetName.FashionMnistTest, FirstHidden = 1024, SecondHidden = 512 },
            regime with { Dataset = DatasetName.FashionMnistTest, Classifier = ClassifierKind.Cnn },
            regime with { Dataset = DatasetName.Cifar10Test, Classifier = ClassifierKind.Cnn },
        ];
        Assert.Equal(expected.Length, settings.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i] with { Classes = null }, settings[i].Test with { Classes = null });
            Assert.Equal(expected[i].Classes, settings[i].Test.Classes);
        }
        Assert.Equal(["fashion-mnist-test, 60 steps (3x)", "fashion-mnist-test, MLP 64-32", "fashion-mnist-test, MLP 1024-512"],
            new[] { settings[2], settings[4], settings[5] }.Select(s => s.Name));
        Assert.Equal(settings.Count, settings.Select(s => s.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("transfer")]
    [InlineData(" Transfer ")]
    public void Should_read_the_suite_name_in_any_case(string text)
    {
        Assert.Equal("transfer", TransferSuite.Parse(text));
    }
}
