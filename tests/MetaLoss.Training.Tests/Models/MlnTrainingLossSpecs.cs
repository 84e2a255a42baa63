using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

/// <summary>The MLN's hand-derived logit gradient is autograd's gradient of the same loss, and its values are the loss's own bits.</summary>
public class MlnTrainingLossSpecs
{
    private static readonly MlnArchitecture Architecture = new(PredictionHidden: 5, TargetHidden: 3, IntegrationChannels: 4);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Should_give_the_loss_values_and_autograds_logit_gradient(int members)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(17);
        var logits = randn([members, 12, 7], generator: generator).mul_(3f.ToScalar());
        var targets = nn.functional.one_hot(randint(0, 7, [members, 12], generator: generator, dtype: ScalarType.Int64), 7).to_type(ScalarType.Float32);
        using var mln = new MetaLossNetwork(Architecture, Enumerable.Range(0, members).Select(p => Architecture.RandomParameters((ulong)(p + 5))).ToList());
        using var training = TrainingLoss.For(mln, targets);

        var (values, gradient) = training.ValuesAndGradient(logits);
        var (expectedValues, expectedGradient) = LogitGradients.WithValues(mln, logits, targets);

        Assert.Equal(expectedValues.data<float>().ToArray(), values.data<float>().ToArray());
        var scale = expectedGradient.abs().max().item<float>();
        var difference = (gradient - expectedGradient).abs().max().item<float>();
        Assert.True(scale > 0, "a zero gradient would prove nothing");
        Assert.True(difference <= 1e-5 * scale, $"the gradients differ by {difference}, at most {scale}");
    }

    [Fact]
    public void Should_refuse_targets_of_another_population_size()
    {
        using var scope = NewDisposeScope();
        using var mln = new MetaLossNetwork(Architecture, [Architecture.RandomParameters(1), Architecture.RandomParameters(2)]);

        var error = Assert.Throws<ArgumentException>(() => TrainingLoss.For(mln, zeros(3, 4, 5)));

        Assert.Contains("[2, B, K]", error.Message);
    }
}
