using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

/// <summary>The MLN's hand-derived logit gradient is autograd's gradient of the same loss, and its values are the loss's own bits.</summary>
public class MlnTrainingLossSpecs
{
    private static readonly MlnArchitecture Architecture = new(PredictionHidden: 5, TargetHidden: 3, IntegrationChannels: 4);

    [Theory]
    [InlineData(1, false, 0.0)]
    [InlineData(3, false, 0.0)]
    [InlineData(1, true, 0.0)]
    [InlineData(3, true, 0.3)]
    [InlineData(3, true, 0.95)]
    public void Should_give_the_loss_values_and_autograds_logit_gradient(int members, bool progressInput, double progress)
    {
        using var scope = NewDisposeScope();
        var architecture = Architecture with { ProgressInput = progressInput };
        var generator = new Generator(17);
        var logits = randn([members, 12, 7], generator: generator).mul_(3f.ToScalar());
        var targets = nn.functional.one_hot(randint(0, 7, [members, 12], generator: generator, dtype: ScalarType.Int64), 7).to_type(ScalarType.Float32);
        using var mln = new MetaLossNetwork(architecture, Enumerable.Range(0, members).Select(p => architecture.RandomParameters((ulong)(p + 5))).ToList());
        using var training = TrainingLoss.For(mln, targets);

        var (values, gradient) = training.ValuesAndGradient(logits, progress);
        var (expectedValues, expectedGradient) = LogitGradients.WithValues(mln, logits, targets, progress: progress);

        Assert.Equal(expectedValues.data<float>().ToArray(), values.data<float>().ToArray());
        var scale = expectedGradient.abs().max().item<float>();
        var difference = (gradient - expectedGradient).abs().max().item<float>();
        Assert.True(scale > 0, "a zero gradient would prove nothing");
        Assert.True(difference <= 1e-5 * scale, $"the gradients differ by {difference}, at most {scale}");
    }

    [Fact]
    public void Should_make_the_loss_depend_on_the_progress_only_with_the_progress_input()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var logits = randn([2, 12, 7], generator: generator);
        var targets = nn.functional.one_hot(randint(0, 7, [2, 12], generator: generator, dtype: ScalarType.Int64), 7).to_type(ScalarType.Float32);
        float[] At(MlnArchitecture architecture, double progress)
        {
            using var mln = new MetaLossNetwork(architecture, [architecture.RandomParameters(5), architecture.RandomParameters(6)]);
            using var training = TrainingLoss.For(mln, targets);
            return training.ValuesAndGradient(logits, progress).Gradient.data<float>().ToArray();
        }

        Assert.Equal(At(Architecture, 0), At(Architecture, 0.7));
        Assert.NotEqual(At(Architecture with { ProgressInput = true }, 0), At(Architecture with { ProgressInput = true }, 0.7));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Should_refuse_a_progress_outside_0_to_1(double progress)
    {
        using var scope = NewDisposeScope();
        var architecture = Architecture with { ProgressInput = true };
        using var mln = new MetaLossNetwork(architecture, architecture.RandomParameters(1));
        using var training = TrainingLoss.For(mln, zeros(1, 4, 5));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => training.ValuesAndGradient(zeros(1, 4, 5), progress));

        Assert.Contains("between 0 and 1", error.Message);
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
