using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

public class LossSpecs
{
    private static (Tensor Logits, Tensor Targets, Tensor Labels) Batch(int batch, int classes, int seed)
    {
        var generator = new Generator((ulong)seed);
        var logits = randn([batch, classes], generator: generator).mul_(3);
        var labels = randint(0, classes, [batch], generator: generator, dtype: ScalarType.Int64);
        var targets = nn.functional.one_hot(labels, classes).to_type(ScalarType.Float32);
        return (logits, targets, labels);
    }

    [Fact]
    public void Should_match_torch_cross_entropy()
    {
        using var scope = NewDisposeScope();
        var (logits, targets, labels) = Batch(32, 10, 1);
        using var loss = new CrossEntropyLoss();
        var ours = loss.Compute(logits, targets).item<float>();
        var reference = nn.functional.cross_entropy(logits, labels).item<float>();
        Assert.Equal(reference, ours, 5);
    }

    [Fact]
    public void Should_compute_mse_as_per_sample_squared_error_of_probabilities()
    {
        using var scope = NewDisposeScope();
        // Equal logits: p = 1/2 for both classes, so each sample's error is 0.25 + 0.25.
        var logits = zeros(4, 2);
        var targets = tensor(new float[] { 1, 0, 0, 1, 1, 0, 0, 1 }, [4, 2]);
        using var loss = new MeanSquaredErrorLoss();
        Assert.Equal(0.5f, loss.Compute(logits, targets).item<float>(), 6);
    }

    [Fact]
    public void Should_give_cross_entropy_gradient_p_minus_y_over_batch()
    {
        using var scope = NewDisposeScope();
        var (logits, targets, _) = Batch(8, 5, 2);
        logits.requires_grad_();
        using var loss = new CrossEntropyLoss();
        loss.Compute(logits, targets).backward();
        var expected = logits.detach().softmax(1).sub(targets).div(8);
        Assert.True(logits.grad!.allclose(expected, rtol: 1e-4, atol: 1e-6));
    }
}
