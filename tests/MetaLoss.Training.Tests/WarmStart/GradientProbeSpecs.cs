using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using MetaLoss.Training.Probes;

namespace MetaLoss.Training.Tests.WarmStart;

public class GradientProbeSpecs
{
    private static readonly GradientProbe Probe = new(TestData.Catalog);

    private static EpisodeSpec Spec(LossSpec loss) =>
        new(DatasetName.FashionMnistTest, loss, TaskSeed: 31, InitSeed: 32);

    [Fact]
    public void Should_find_cross_entropy_identical_to_itself_at_every_step()
    {
        var result = Probe.Run(Spec(new LossSpec.CrossEntropy()));
        Assert.Equal(EpisodeDefaults.Steps, result.NormRatio.Length);
        Assert.Equal(EpisodeDefaults.Steps, result.Cosine.Length);
        Assert.All(result.NormRatio, ratio => Assert.Equal(1.0, ratio, 1e-5));
        Assert.All(result.Cosine, cosine => Assert.Equal(1.0, cosine, 1e-5));
    }

    [Fact]
    public void Should_train_exactly_as_the_episode_runner_does()
    {
        var spec = Spec(FittedLosses.AsLoss(FittedLosses.CrossEntropy));
        var probed = Probe.Run(spec);
        var run = new EpisodeRunner(TestData.Catalog).Run(spec);
        Assert.Equal(run.TrainLoss, probed.TrainLoss);
    }

    [Fact]
    public void Should_see_mean_squared_error_step_smaller_than_cross_entropy_and_drift_from_its_direction()
    {
        var result = Probe.Run(Spec(new LossSpec.MeanSquaredError()));
        Assert.All(result.NormRatio, ratio => Assert.InRange(ratio, 0, 0.5));
        // A 20-step classifier stays unsure, where MSE's direction is close to CE's; it drifts as confidence grows.
        Assert.All(result.Cosine, cosine => Assert.InRange(cosine, 0.9, 0.9999));
        Assert.True(result.Cosine[^1] < result.Cosine[0], "MSE should point further from CE as the classifier learns");
    }

    [Fact]
    public void Should_see_a_loss_fitted_to_cross_entropy_stay_close_to_it_on_real_classifier_states()
    {
        var result = Probe.Run(Spec(FittedLosses.AsLoss(FittedLosses.CrossEntropy)));
        Assert.All(result.NormRatio, ratio => Assert.InRange(ratio, 0.85, 1.15));
        Assert.All(result.Cosine, cosine => Assert.InRange(cosine, 0.98, 1.0));
    }

    [Fact]
    public void Should_stop_at_a_non_finite_loss_instead_of_throwing()
    {
        var phi = MlnArchitecture.Default.RandomParameters(1);
        phi[^1] = float.NaN;
        var result = Probe.Run(Spec(new LossSpec.MetaLoss(MlnArchitecture.Default, phi)));
        Assert.Empty(result.TrainLoss);
        Assert.Empty(result.NormRatio);
    }

    [Fact]
    public void Should_average_each_step_over_the_episodes_that_reached_it()
    {
        var full = new GradientProbeResult([2f, 1f], [1.0, 3.0], [0.5, 1.0]);
        var stopped = new GradientProbeResult([4f], [2.0], [0.25]);
        var mean = GradientProbeResult.Mean([full, stopped]);
        Assert.Equal([3f, 1f], mean.TrainLoss);
        Assert.Equal([1.5, 3.0], mean.NormRatio);
        Assert.Equal([0.375, 1.0], mean.Cosine);
    }
}
