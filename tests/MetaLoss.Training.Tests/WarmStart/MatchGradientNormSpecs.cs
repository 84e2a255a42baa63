using MetaLoss.Training.Models;
using MetaLoss.Training.WarmStart;

namespace MetaLoss.Training.Tests.WarmStart;

public class MatchGradientNormSpecs
{
    private static readonly MlnArchitecture Architecture = MlnArchitecture.Default;
    private static readonly LossSpec CrossEntropy = new LossSpec.CrossEntropy();
    private static readonly WarmStartSettings Settings = WarmStartSettings.Default with { HeldOutBatches = 30 };
    private const ulong NormaliseSeed = 5;

    private static GradientAgreement Agreement(float[] phi, ulong seed) =>
        MlnWarmStart.Measure(new LossSpec.MetaLoss(Architecture, phi), CrossEntropy, Settings, seed);

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Should_lift_a_random_mlns_tiny_gradient_to_within_a_factor_two_of_cross_entropys(ulong seed)
    {
        var random = Architecture.RandomParameters(seed);
        var normalised = MlnWarmStart.MatchGradientNorm(Architecture, random, CrossEntropy, Settings, NormaliseSeed);
        Assert.InRange(Agreement(random, FittedLosses.FreshSeed).NormRatio, 0, 0.25);
        Assert.InRange(Agreement(normalised, FittedLosses.FreshSeed).NormRatio, 0.5, 2.0);
    }

    [Fact]
    public void Should_give_ratio_one_on_the_batches_it_measured_and_keep_the_direction()
    {
        var random = Architecture.RandomParameters(4);
        var normalised = MlnWarmStart.MatchGradientNorm(Architecture, random, CrossEntropy, Settings, NormaliseSeed);
        var before = Agreement(random, NormaliseSeed);
        var after = Agreement(normalised, NormaliseSeed);
        Assert.Equal(1.0, after.NormRatio, 4);
        Assert.Equal(before.Cosine, after.Cosine, 4);
    }

    [Fact]
    public void Should_change_only_the_output_layer()
    {
        var random = Architecture.RandomParameters(6);
        var normalised = MlnWarmStart.MatchGradientNorm(Architecture, random, CrossEntropy, Settings, NormaliseSeed);
        var outputLength = Architecture.Tensors.TakeLast(2).Sum(t => t.Length);
        Assert.Equal(random[..^outputLength], normalised[..^outputLength]);
        Assert.NotEqual(random[^outputLength..], normalised[^outputLength..]);
    }

    [Fact]
    public void Should_change_only_the_output_layer_with_the_progress_input_too()
    {
        var architecture = Architecture with { ProgressInput = true };
        var random = architecture.RandomParameters(6);
        var normalised = MlnWarmStart.MatchGradientNorm(architecture, random, CrossEntropy, Settings, NormaliseSeed);
        var progressLength = architecture.PredictionHidden;
        var outputLength = Architecture.Tensors.TakeLast(2).Sum(t => t.Length);
        // The progress weight comes after the output layer in the flat vector, and keeps its values.
        Assert.Equal(random[^progressLength..], normalised[^progressLength..]);
        Assert.Equal(random[..^(outputLength + progressLength)], normalised[..^(outputLength + progressLength)]);
        Assert.NotEqual(random[^(outputLength + progressLength)..^progressLength], normalised[^(outputLength + progressLength)..^progressLength]);
    }

    [Fact]
    public void Should_refuse_an_mln_without_a_gradient()
    {
        var flat = Architecture.RandomParameters(7);
        var outputLength = Architecture.Tensors.TakeLast(2).Sum(t => t.Length);
        Array.Clear(flat, flat.Length - outputLength, outputLength);
        var error = Assert.Throws<ArgumentException>(() =>
            MlnWarmStart.MatchGradientNorm(Architecture, flat, CrossEntropy, Settings, NormaliseSeed));
        Assert.Contains("ratio", error.Message);
    }
}
