using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

public class CnnClassifierSpecs
{
    [Theory]
    [InlineData(784, 1, 28)]
    [InlineData(3072, 3, 32)]
    [InlineData(64, 1, 8)]
    public void Should_read_the_image_shape_from_the_feature_count(int features, int channels, int side)
    {
        var shape = CnnShape.For(features, 10);

        Assert.Equal(new CnnShape(channels, side, 10), shape);
        Assert.Equal(features, shape.FeatureCount);
    }

    [Theory]
    [InlineData(785)]
    [InlineData(9)]
    [InlineData(2 * 28 * 28)]
    public void Should_refuse_rows_that_are_no_square_image_of_one_or_three_planes(int features)
    {
        var error = Assert.Throws<ArgumentException>(() => CnnShape.For(features, 10));

        Assert.Contains($"rows of {features} values", error.Message);
    }

    [Theory]
    [InlineData(1, 28, 1568)]
    [InlineData(3, 32, 2048)]
    public void Should_give_logits_and_a_step_for_every_parameter_on_fashion_mnist_and_cifar10_images(int channels, int side, int linearInputs)
    {
        using var scope = NewDisposeScope();
        var shape = new CnnShape(channels, side, 10);
        var generator = new Generator(5);
        var features = rand([3, 7, shape.FeatureCount], generator: generator);
        var targets = nn.functional.one_hot(randint(0, 10, [3, 7], generator: generator, dtype: ScalarType.Int64), 10).to_type(ScalarType.Float32);
        using var classifier = new BatchedCnnClassifier(shape, [1, 2, 3]);
        using var loss = new CrossEntropyLoss();
        var before = classifier.Parameters.Select(p => p.detach().clone()).ToList();

        var pass = classifier.Train(features);
        classifier.SgdStep(pass, LogitGradients.Of(loss, pass.Logits, targets), tensor(new[] { -0.1f, -0.1f, -0.1f }, [3, 1, 1]));

        Assert.Equal([3L, 7, 10], pass.Logits.shape);
        Assert.Equal([3L, 7, 10], classifier.Forward(features).shape);
        Assert.Equal(linearInputs, shape.LinearInputs);
        var after = classifier.Parameters;
        Assert.Equal(3 * 6, after.Count);
        for (var i = 0; i < after.Count; i++)
        {
            Assert.Equal(before[i].shape, after[i].shape);
            Assert.True((after[i] - before[i]).abs().max().item<float>() > 0, $"parameter {i} did not move");
        }
    }

    [Fact]
    public void Should_step_each_member_as_autograd_and_plain_sgd_would_with_its_own_rate()
    {
        using var scope = NewDisposeScope();
        var shape = new CnnShape(1, 8, 4);
        var generator = new Generator(4);
        var features = rand([2, 16, shape.FeatureCount], generator: generator);
        var targets = nn.functional.one_hot(randint(0, 4, [2, 16], generator: generator, dtype: ScalarType.Int64), 4).to_type(ScalarType.Float32);
        using var classifier = new BatchedCnnClassifier(shape, [2, 3]);
        using var loss = new CrossEntropyLoss();
        float[] rates = [0.5f, 0.25f];
        var expected = Enumerable.Range(0, 2)
            .SelectMany(p => ReferenceStep(shape, classifier.Parameters.Skip(6 * p).Take(6).ToList(), features[p], targets[p], rates[p]))
            .ToList();

        var pass = classifier.Train(features);
        classifier.SgdStep(pass, LogitGradients.Of(loss, pass.Logits, targets), tensor(rates.Select(r => -r).ToArray(), [2, 1, 1]));

        var actual = classifier.Parameters;
        for (var i = 0; i < expected.Count; i++)
        {
            var difference = (actual[i] - expected[i]).abs().max().item<float>();
            Assert.True(difference < 1e-6, $"parameter {i} differs from autograd's step by {difference}");
        }
    }

    [Fact]
    public void Should_start_each_member_of_a_population_from_its_own_seed()
    {
        var shape = new CnnShape(3, 32, 10);
        using var lone = new BatchedCnnClassifier(shape, [6]);
        using var population = new BatchedCnnClassifier(shape, [5, 6]);

        var expected = lone.Parameters.Select(p => p.data<float>().ToArray()).ToList();
        var secondMember = population.Parameters.Skip(6).Select(p => p.data<float>().ToArray()).ToList();
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], secondMember[i]);
        Assert.NotEqual(expected[0], population.Parameters[0].data<float>().ToArray());
    }

    [Fact]
    public void Should_draw_initial_weights_within_pytorch_conv2d_bounds()
    {
        var shape = new CnnShape(1, 28, 10);
        var drawn = ClassifierInitializer.Draw(shape, 1);
        for (var i = 0; i < drawn.Count; i++)
        {
            var (count, fanIn) = shape.Tensors[i];
            var bound = 1 / MathF.Sqrt(fanIn);
            Assert.Equal(count, drawn[i].Length);
            Assert.All(drawn[i], w => Assert.InRange(w, -bound, bound));
        }
    }

    /// <summary>One member's parameters after a step of torch's own autograd and theta - lr * grad.</summary>
    private static IEnumerable<Tensor> ReferenceStep(CnnShape shape, IReadOnlyList<Tensor> parameters, Tensor features, Tensor targets, float rate)
    {
        var w = parameters.Select(p => p.detach().clone().requires_grad_()).ToList();
        long[] padding = [1, 1], pool = [2, 2];
        var x = features.reshape([features.shape[0], shape.Channels, shape.Side, shape.Side]);
        x = nn.functional.max_pool2d(nn.functional.conv2d(x, w[0], w[1], padding: padding).relu(), pool);
        x = nn.functional.max_pool2d(nn.functional.conv2d(x, w[2], w[3], padding: padding).relu(), pool);
        var logits = x.flatten(1).mm(w[4]) + w[5];
        using var loss = new CrossEntropyLoss();
        loss.Compute(logits, targets).backward();
        return w.Select(p => (p - rate * p.grad!).detach());
    }
}
