using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

public class MetaLossNetworkSpecs
{
    private static readonly MlnArchitecture Architecture = MlnArchitecture.Default;

    private static (Tensor Logits, Tensor Targets) Batch(int batch, int classes, int seed)
    {
        var generator = new Generator((ulong)seed);
        var logits = randn([batch, classes], generator: generator);
        var labels = randint(0, classes, [batch], generator: generator, dtype: ScalarType.Int64);
        return (logits, nn.functional.one_hot(labels, classes).to_type(ScalarType.Float32));
    }

    [Fact]
    public void Should_read_back_the_flat_parameter_vector_it_was_built_from()
    {
        var phi = Architecture.RandomParameters(7);
        using var mln = new MetaLossNetwork(Architecture, phi);
        Assert.Equal(phi, mln.ToVector());
        Assert.Equal(Architecture.Tensors.Sum(t => t.Length), phi.Length);
    }

    [Fact]
    public void Should_reject_a_vector_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => new MetaLossNetwork(Architecture, new float[5]));
        Assert.Contains($"{Architecture.ParameterCount}", error.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(17)]
    public void Should_give_a_finite_scalar_and_gradient_for_any_number_of_classes(int classes)
    {
        using var scope = NewDisposeScope();
        using var mln = new MetaLossNetwork(Architecture, Architecture.RandomParameters(3));
        var (logits, targets) = Batch(12, classes, classes);
        logits.requires_grad_();
        var loss = mln.Compute(logits, targets);
        Assert.Equal(0, loss.dim());
        Assert.True(float.IsFinite(loss.item<float>()));
        loss.backward();
        var gradient = logits.grad!;
        Assert.Equal(new long[] { 12, classes }, gradient.shape);
        Assert.True(gradient.abs().sum().item<float>() > 0, "the loss must pass a gradient to the classifier");
    }

    [Fact]
    public void Should_not_depend_on_the_order_of_classes()
    {
        using var scope = NewDisposeScope();
        using var mln = new MetaLossNetwork(Architecture, Architecture.RandomParameters(11));
        var (logits, targets) = Batch(16, 10, 4);
        var permutation = tensor(new long[] { 3, 7, 1, 0, 9, 2, 8, 5, 4, 6 });
        var original = mln.Compute(logits, targets).item<float>();
        var permuted = mln.Compute(logits.index_select(1, permutation), targets.index_select(1, permutation)).item<float>();
        Assert.Equal(original, permuted, 5);
    }

    [Fact]
    public void Should_change_its_value_when_any_parameter_changes()
    {
        using var scope = NewDisposeScope();
        var phi = Architecture.RandomParameters(5);
        for (var i = 0; i < phi.Length; i++) phi[i] += 0.1f;
        var (logits, targets) = Batch(8, 10, 9);
        using var baseline = new MetaLossNetwork(Architecture, phi);
        var reference = baseline.Compute(logits, targets).item<float>();
        foreach (var index in new[] { 0, phi.Length / 2, phi.Length - 1 })
        {
            var changed = (float[])phi.Clone();
            changed[index] += 0.5f;
            using var mln = new MetaLossNetwork(Architecture, changed);
            Assert.NotEqual(reference, mln.Compute(logits, targets).item<float>());
        }
    }
}
