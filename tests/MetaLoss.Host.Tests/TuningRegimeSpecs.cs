using MetaLoss.Host.Evaluation;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests;

public class TuningRegimeSpecs
{
    [Fact]
    public void Should_tune_in_the_test_episodes_regime_on_the_meta_training_split()
    {
        var test = new EpisodeSpec(DatasetName.FashionMnistTest, new LossSpec.CrossEntropy(), TaskSeed: 0, InitSeed: 0, Steps: 9,
            Classes: [0, 1, 2], RecordValidationCurve: true, Classifier: ClassifierKind.Cnn);

        var tuning = TuningRegime.Of(test, DatasetName.FashionMnistMetaTrain);

        Assert.Equal(DatasetName.FashionMnistMetaTrain, tuning.Dataset);
        Assert.Equal([0, 1, 2], tuning.Classes);
        Assert.Equal(test with { Dataset = DatasetName.FashionMnistMetaTrain, RecordValidationCurve = false }, tuning);
    }
}
