using MetaLoss.Training.Models;
using MetaLoss.Training.WarmStart;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.WarmStart;

/// <summary>A warm start of an MLN with the progress input is cross-entropy at every progress, early and late in an episode.</summary>
public class ProgressWarmStartSpecs
{
    private static readonly MlnArchitecture Architecture = MlnArchitecture.Default with { ProgressInput = true };

    [Fact]
    public void Should_fit_cross_entropy_at_every_training_progress()
    {
        var fit = MlnWarmStart.Fit(Architecture, new LossSpec.CrossEntropy(), WarmStartSettings.Default, FittedLosses.FitSeed);

        Assert.Equal(Architecture.ParameterCount, fit.Phi.Length);
        Assert.InRange(fit.GradientCosine, 0.99, 1.0);
        using var scope = NewDisposeScope();
        using var mln = new MetaLossNetwork(Architecture, fit.Phi);
        using var crossEntropy = new CrossEntropyLoss();
        var generator = new Generator(FittedLosses.FreshSeed);
        var logits = randn([200, 10], generator: generator).mul_(3f.ToScalar());
        var targets = nn.functional.one_hot(randint(0, 10, [200], generator: generator, dtype: ScalarType.Int64), 10).to_type(ScalarType.Float32);
        foreach (var progress in new[] { 0.0, 0.5, 0.99 })
        {
            var agreement = GradientAgreement.Between(
                LogitGradients.Of(mln, logits, targets, progress: progress), LogitGradients.Of(crossEntropy, logits, targets));
            Assert.InRange(agreement.Cosine, 0.98, 1.0);
            Assert.InRange(agreement.NormRatio, 0.85, 1.15);
        }
    }
}
