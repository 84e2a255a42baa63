using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Episodes;

public class EpisodeRunnerSpecs
{
    private static readonly EpisodeRunner Runner = new(TestData.Catalog);

    private static EpisodeSpec Spec(LossSpec loss, ulong seed = 1) =>
        new(DatasetName.FashionMnistTest, loss, TaskSeed: seed, InitSeed: seed + 1000);

    [Fact]
    public void Should_give_identical_results_for_the_same_spec()
    {
        var spec = Spec(new LossSpec.CrossEntropy()) with { RecordValidationCurve = true };
        var first = Runner.Run(spec);
        var second = Runner.Run(spec);
        Assert.Equal(first.Fitness, second.Fitness);
        Assert.Equal(first.TrainLoss, second.TrainLoss);
        Assert.Equal(first.ValidationAccuracy, second.ValidationAccuracy);
    }

    [Fact]
    public void Should_give_the_same_result_on_an_explicit_cpu_device()
    {
        var spec = Spec(new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters(2)));
        var onCpu = new EpisodeRunner(TestData.Catalog, TorchSharp.torch.CPU).Run(spec);
        var byDefault = Runner.Run(spec);
        Assert.Equal(byDefault.Fitness, onCpu.Fitness);
        Assert.Equal(byDefault.TrainLoss, onCpu.TrainLoss);
    }

    [Fact]
    public void Should_give_different_results_for_a_different_task_seed()
    {
        var first = Runner.Run(Spec(new LossSpec.CrossEntropy(), seed: 1));
        var second = Runner.Run(Spec(new LossSpec.CrossEntropy(), seed: 2));
        Assert.NotEqual(first.TrainLoss, second.TrainLoss);
    }

    [Fact]
    public void Should_learn_well_above_chance_with_cross_entropy()
    {
        var result = Runner.Run(Spec(new LossSpec.CrossEntropy()) with { RecordValidationCurve = true });
        Assert.Equal(EpisodeOutcome.Completed, result.Outcome);
        Assert.InRange(result.Fitness, 0.3, 1.0);
        Assert.True(result.TrainLoss[^1] < result.TrainLoss[0], "training loss should fall");
        Assert.True(result.ValidationAccuracy[^1] > result.ValidationAccuracy[0]);
    }

    [Fact]
    public void Should_record_one_curve_point_per_step_and_end_the_validation_curve_at_the_fitness()
    {
        var result = Runner.Run(Spec(new LossSpec.MeanSquaredError()) with { Steps = 7, RecordValidationCurve = true });
        Assert.Equal(7, result.TrainLoss.Length);
        Assert.Equal(7, result.TrainAccuracy.Length);
        Assert.Equal(7, result.ValidationAccuracy.Length);
        Assert.Equal(result.ValidationAccuracy[^1], result.Fitness);
    }

    [Fact]
    public void Should_skip_the_validation_curve_unless_asked_but_score_the_same_fitness()
    {
        var spec = Spec(new LossSpec.CrossEntropy());
        var without = Runner.Run(spec);
        var with = Runner.Run(spec with { RecordValidationCurve = true });
        Assert.Empty(without.ValidationAccuracy);
        Assert.Equal(with.Fitness, without.Fitness);
    }

    [Fact]
    public void Should_flag_a_non_finite_loss_with_fitness_zero_instead_of_throwing()
    {
        var phi = MlnArchitecture.Default.RandomParameters(1);
        phi[^1] = float.NaN;
        var result = Runner.Run(Spec(new LossSpec.MetaLoss(MlnArchitecture.Default, phi)));
        Assert.Equal(EpisodeOutcome.NonFiniteLoss, result.Outcome);
        Assert.True(result.Flagged);
        Assert.Equal(0, result.Fitness);
        Assert.Empty(result.TrainLoss);
    }

    [Fact]
    public void Should_flag_an_exploding_classifier_with_fitness_zero()
    {
        var result = Runner.Run(Spec(new LossSpec.CrossEntropy()) with { LearningRate = 1e9 });
        Assert.True(result.Flagged);
        Assert.Equal(0, result.Fitness);
    }

    [Fact]
    public void Should_train_on_a_subset_of_classes()
    {
        var result = Runner.Run(Spec(new LossSpec.CrossEntropy()) with { Classes = [0, 1, 7] });
        Assert.Equal(EpisodeOutcome.Completed, result.Outcome);
        Assert.InRange(result.Fitness, 0.5, 1.0);
    }

    [Fact]
    public void Should_train_cifar10_classifiers_with_3072_inputs()
    {
        var spec = Spec(new LossSpec.CrossEntropy()) with { Dataset = DatasetName.Cifar10Test, LearningRate = 0.05 };
        var result = Runner.Run(spec);
        Assert.Equal(EpisodeOutcome.Completed, result.Outcome);
        Assert.InRange(result.Fitness, 0.12, 1.0);
    }

    [Fact]
    public void Should_reject_an_invalid_spec_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => Runner.Run(Spec(new LossSpec.CrossEntropy()) with { Steps = 0 }));
        Assert.Contains("steps", error.Message);
    }
}
