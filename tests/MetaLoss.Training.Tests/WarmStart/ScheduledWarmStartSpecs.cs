using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using MetaLoss.Training.WarmStart;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.WarmStart;

/// <summary>
/// A warm start from a baseline with its own rate and schedule: the MLN's gradient is the baseline's
/// times the rate ratio and the schedule's factor at each progress, so SGD at the run's rate takes
/// the steps the baseline would take at its own.
/// </summary>
public class ScheduledWarmStartSpecs
{
    private const int Steps = 20;

    private static readonly WarmStartReference LabelSmoothing =
        new(new LossSpec.LabelSmoothing(0.4), 4, new LearningRateSchedule(LearningRateDecay.Cosine, 0.25), Steps);

    private static readonly Lazy<WarmStartFit> Fitted =
        new(() => MlnWarmStart.Fit(FittedLosses.WithProgress, LabelSmoothing, WarmStartSettings.Default, FittedLosses.FitSeed));

    [Fact]
    public void Should_scale_the_gradient_by_the_rate_the_schedule_gives_each_step_of_an_episode()
    {
        for (var step = 0; step < Steps; step++)
            Assert.Equal(4 * LabelSmoothing.Schedule.Factor(step, Steps), LabelSmoothing.GradientScale(step / (double)Steps), 12);
        Assert.Equal(4.0, LabelSmoothing.GradientScale(0), 12);
        Assert.Equal(1.0, LabelSmoothing.GradientScale((Steps - 1) / (double)Steps), 12);
        Assert.Equal(1.0, WarmStartReference.Plain(new LossSpec.Focal(2)).GradientScale(0.7));
    }

    [Fact]
    public void Should_follow_the_baselines_scaled_gradient_early_and_late_in_an_episode()
    {
        var fit = Fitted.Value;
        Assert.InRange(fit.GradientCosine, 0.95, 1.0);
        Assert.InRange(fit.NormRatio, 0.85, 1.15);

        using var scope = NewDisposeScope();
        using var mln = new MetaLossNetwork(FittedLosses.WithProgress, fit.Phi);
        using var reference = LabelSmoothing.Loss.Create();
        var generator = new Generator(FittedLosses.FreshSeed);
        var logits = randn([200, 10], generator: generator).mul_(3f.ToScalar());
        var targets = nn.functional.one_hot(randint(0, 10, [200], generator: generator, dtype: ScalarType.Int64), 10).to_type(ScalarType.Float32);
        var unscaled = LogitGradients.Of(reference, logits, targets);
        var norms = new List<double>();
        foreach (var step in new[] { 0, 10, 19 })
        {
            var progress = step / (double)Steps;
            var gradient = LogitGradients.Of(mln, logits, targets, progress: progress);
            var agreement = GradientAgreement.Between(gradient, unscaled);
            Assert.InRange(agreement.Cosine, 0.93, 1.0);
            Assert.InRange(agreement.NormRatio / LabelSmoothing.GradientScale(progress), 0.8, 1.2);
            norms.Add(agreement.NormRatio);
        }
        // The schedule itself: four times the run's rate at the start, a quarter of that at the end.
        Assert.InRange(norms[0] / norms[2], 3.0, 5.0);
    }

    [Fact]
    public void Should_refuse_a_scheduled_baseline_for_an_MLN_that_cannot_see_the_progress()
    {
        var refused = Assert.Throws<ArgumentException>(() =>
            MlnWarmStart.Fit(MlnArchitecture.Default with { ProgressInput = false }, LabelSmoothing, WarmStartSettings.Default, 1));
        Assert.Contains("progress input", refused.Message);
    }
}
