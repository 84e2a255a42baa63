using MetaLoss.Host.Evaluation;
using MetaLoss.Training.Baselines;
using MetaLoss.Training.Baselines.Families;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests;

public class EvaluationContendersSpecs
{
    private static readonly LearningRateSchedule Cosine = new(LearningRateDecay.Cosine, 0.25);

    private static TunedBaselines Tuned(double crossEntropyRate) => new(new EpisodeSpec(DatasetName.FashionMnistTrain, new LossSpec.CrossEntropy(), 0, 0), 10,
    [
        new(CrossEntropyBaseline.Family, new LossSetting(new LossSpec.CrossEntropy(), crossEntropyRate)),
        new(CrossEntropyScheduleBaseline.Family, new LossSetting(new LossSpec.CrossEntropy(), 0.4, Cosine)),
        new(LabelSmoothingBaseline.Family, new LossSetting(new LossSpec.LabelSmoothing(0.1), 0.5, Cosine)),
        new(PolyOneBaseline.Family, new LossSetting(new LossSpec.PolyOne(1), 0.4, Cosine)),
        new(FocalBaseline.Family, new LossSetting(new LossSpec.Focal(2), 0.7, Cosine)),
        new(MeanSquaredErrorBaseline.Family, new LossSetting(new LossSpec.MeanSquaredError(), 0.5)),
    ], []);

    [Fact]
    public void Should_list_ce_at_the_run_lr_every_tuned_family_in_order_then_mse_at_the_run_lr()
    {
        var contenders = EvaluationContenders.Baselines(0.2, Tuned(0.15));
        Assert.Equal(["CE (run lr)", "CE (tuned lr)", "CE (tuned schedule)", "CE + label smoothing (tuned)", "Poly-1 (tuned)", "focal (tuned)",
            "MSE (tuned lr)", "MSE (run lr)"], contenders.Select(c => c.Name));
        Assert.Equal(0.2, contenders[0].Setting.LearningRate);
        Assert.Equal(0.15, contenders[1].Setting.LearningRate);
        Assert.NotNull(contenders[2].Setting.Schedule);
        Assert.Equal(new LossSpec.LabelSmoothing(0.1), contenders[3].Setting.Loss);
        Assert.Equal(new LossSpec.Focal(2), contenders[5].Setting.Loss);
        Assert.Equal(0.5, contenders[6].Setting.LearningRate);
        Assert.Equal(0.2, contenders[7].Setting.LearningRate);
    }

    [Fact]
    public void Should_say_when_tuning_chose_the_runs_own_lr()
    {
        var contenders = EvaluationContenders.Baselines(0.5, Tuned(0.5));
        Assert.Equal("CE (tuned lr = run lr)", contenders[1].Name);
        Assert.Equal("MSE (tuned lr = run lr)", contenders[6].Name);
    }

    [Fact]
    public void Should_give_one_contender_per_registered_family_whatever_the_registry_holds()
    {
        var tuned = new TunedBaselines(new EpisodeSpec(DatasetName.FashionMnistTrain, new LossSpec.CrossEntropy(), 0, 0), 1,
            [.. BaselineFamilies.All.Select(f => new ChosenBaseline(f, f.Candidates(BaselineGrid.Default)[0]))], []);
        var contenders = EvaluationContenders.Baselines(0.2, tuned);
        Assert.Equal(BaselineFamilies.All.Count + 2, contenders.Count);
        Assert.Equal(contenders.Count, contenders.Select(c => c.Name).Distinct().Count());
    }
}
