using MetaLoss.Host.Evaluation;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests;

public class EvaluationContendersSpecs
{
    private static TunedBaselines Tuned(double crossEntropyRate) => new(DatasetName.FashionMnistTrain, 10,
        new LossSetting(new LossSpec.CrossEntropy(), crossEntropyRate),
        new LossSetting(new LossSpec.MeanSquaredError(), 0.5),
        new LossSetting(new LossSpec.CrossEntropy(), 0.4, new LearningRateSchedule(LearningRateDecay.Cosine, 0.25)),
        []);

    [Fact]
    public void Should_list_ce_and_mse_at_the_run_lr_and_tuned_with_the_tuned_settings()
    {
        var contenders = EvaluationContenders.Baselines(0.2, Tuned(0.15));
        Assert.Equal(["CE (run lr)", "CE (tuned lr)", "CE (tuned schedule)", "MSE (tuned lr)", "MSE (run lr)"], contenders.Select(c => c.Name));
        Assert.Equal(0.2, contenders[0].Setting.LearningRate);
        Assert.Equal(0.15, contenders[1].Setting.LearningRate);
        Assert.NotNull(contenders[2].Setting.Schedule);
        Assert.Equal(0.5, contenders[3].Setting.LearningRate);
        Assert.Equal(0.2, contenders[4].Setting.LearningRate);
    }

    [Fact]
    public void Should_say_when_tuning_chose_the_runs_own_lr()
    {
        var contenders = EvaluationContenders.Baselines(0.5, Tuned(0.5));
        Assert.Equal("CE (tuned lr = run lr)", contenders[1].Name);
        Assert.Equal("MSE (tuned lr = run lr)", contenders[3].Name);
    }
}
