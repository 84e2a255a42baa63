using MetaLoss.Training.Models;
using MetaLoss.Training.WarmStart;

namespace MetaLoss.Training.Tests.WarmStart;

public class WarmStartFitSpecs
{
    private static readonly LossSpec CrossEntropy = new LossSpec.CrossEntropy();
    private static readonly LossSpec MeanSquaredError = new LossSpec.MeanSquaredError();

    private static GradientAgreement Fresh(WarmStartFit fit, LossSpec reference, WarmStartSettings? settings = null) =>
        MlnWarmStart.Measure(FittedLosses.AsLoss(fit), reference, settings ?? WarmStartSettings.Default, FittedLosses.FreshSeed);

    [Fact]
    public void Should_match_cross_entropys_logit_gradient_on_fresh_batches()
    {
        var agreement = Fresh(FittedLosses.CrossEntropy, CrossEntropy);
        Assert.InRange(agreement.Cosine, 0.99, 1.0);
        Assert.InRange(agreement.NormRatio, 0.9, 1.1);
    }

    [Fact]
    public void Should_report_the_agreement_measured_on_its_own_held_out_batches()
    {
        var fit = FittedLosses.CrossEntropy;
        var measured = MlnWarmStart.Measure(FittedLosses.AsLoss(fit), CrossEntropy, WarmStartSettings.Default, FittedLosses.FitSeed);
        Assert.Equal(measured.Cosine, fit.GradientCosine);
        Assert.Equal(measured.NormRatio, fit.NormRatio);
        Assert.Equal(WarmStartSettings.Default.Steps, fit.Steps);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(30)]
    public void Should_hold_for_numbers_of_classes_it_was_not_fitted_on(int classes)
    {
        var agreement = Fresh(FittedLosses.CrossEntropy, CrossEntropy,
            WarmStartSettings.Default with { ClassCounts = [classes], HeldOutBatches = 20 });
        Assert.InRange(agreement.Cosine, 0.98, 1.0);
        Assert.InRange(agreement.NormRatio, 0.85, 1.15);
    }

    [Fact]
    public void Should_follow_mean_squared_error_when_fitted_to_it_and_not_cross_entropy()
    {
        var toMse = Fresh(FittedLosses.MeanSquaredError, MeanSquaredError);
        var toCe = Fresh(FittedLosses.MeanSquaredError, CrossEntropy);
        Assert.InRange(toMse.Cosine, 0.99, 1.0);
        Assert.InRange(toMse.NormRatio, 0.9, 1.1);
        // MSE's gradient vanishes on confident rows, so it points elsewhere than CE's and is far smaller.
        Assert.True(toCe.Cosine < 0.9, $"an MSE fit should not follow CE's direction, cosine {toCe.Cosine}");
        Assert.True(toCe.NormRatio < 0.5, $"an MSE fit should not have CE's step size, ratio {toCe.NormRatio}");
    }

    [Fact]
    public void Should_not_follow_mean_squared_error_when_fitted_to_cross_entropy()
    {
        var toMse = Fresh(FittedLosses.CrossEntropy, MeanSquaredError);
        Assert.True(toMse.Cosine < 0.9, $"a CE fit should not follow MSE's direction, cosine {toMse.Cosine}");
    }

    [Fact]
    public void Should_give_the_same_phi_for_the_same_seed_and_another_for_another_seed()
    {
        var settings = WarmStartSettings.Default with { Steps = 40, HeldOutBatches = 3 };
        var first = MlnWarmStart.Fit(MlnArchitecture.Default, CrossEntropy, settings, 7);
        var again = MlnWarmStart.Fit(MlnArchitecture.Default, CrossEntropy, settings, 7);
        var other = MlnWarmStart.Fit(MlnArchitecture.Default, CrossEntropy, settings, 8);
        Assert.Equal(first.Phi, again.Phi);
        Assert.Equal(first.GradientCosine, again.GradientCosine);
        Assert.NotEqual(first.Phi, other.Phi);
        // Watching its progress changes nothing in the fit.
        var steps = new List<int>();
        var watched = MlnWarmStart.Fit(MlnArchitecture.Default, WarmStartReference.Plain(CrossEntropy), settings, 7, steps.Add);
        Assert.Equal(first.Phi, watched.Phi);
        Assert.Equal(Enumerable.Range(1, settings.Steps), steps);
    }

    [Fact]
    public void Should_improve_on_the_random_mln_it_starts_from()
    {
        var settings = WarmStartSettings.Default with { Steps = 40, HeldOutBatches = 6 };
        var fit = MlnWarmStart.Fit(MlnArchitecture.Default, CrossEntropy, settings, 3);
        Assert.InRange(fit.GradientCosine, 0.5, 1.0);
    }

    [Fact]
    public void Should_reject_invalid_settings_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            MlnWarmStart.Fit(MlnArchitecture.Default, CrossEntropy, WarmStartSettings.Default with { ClassCounts = [10, 1] }, 1));
        Assert.Contains("ClassCounts", error.Message);
        error = Assert.Throws<ArgumentException>(() =>
            MlnWarmStart.Fit(MlnArchitecture.Default, CrossEntropy, WarmStartSettings.Default with { MinLogitScale = 0 }, 1));
        Assert.Contains("MinLogitScale", error.Message);
    }
}
