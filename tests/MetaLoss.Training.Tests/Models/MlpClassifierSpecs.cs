using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

public class MlpClassifierSpecs
{
    private static readonly ClassifierShape Shape = new(20, 16, 12, 4);

    [Fact]
    public void Should_start_from_the_same_weights_for_the_same_seed()
    {
        using var a = new MlpClassifier(Shape, 5);
        using var b = new MlpClassifier(Shape, 5);
        using var c = new MlpClassifier(Shape, 6);
        var pa = a.Parameters.Select(p => p.data<float>().ToArray()).ToList();
        var pb = b.Parameters.Select(p => p.data<float>().ToArray()).ToList();
        var pc = c.Parameters.Select(p => p.data<float>().ToArray()).ToList();
        for (var i = 0; i < pa.Count; i++) Assert.Equal(pa[i], pb[i]);
        Assert.NotEqual(pa[0], pc[0]);
    }

    [Fact]
    public void Should_draw_initial_weights_within_pytorch_linear_bounds()
    {
        var layers = ClassifierInitializer.Draw(Shape, 1);
        for (var i = 0; i < layers.Count; i++)
        {
            var bound = 1 / MathF.Sqrt(Shape.Layers[i].In);
            Assert.All(layers[i].Weight, w => Assert.InRange(w, -bound, bound));
            // Uniform on +/- bound has std bound/sqrt(3); a broken draw would miss this by far.
            var std = Math.Sqrt(layers[i].Weight.Average(w => (double)w * w));
            Assert.InRange(std, 0.85 * bound / Math.Sqrt(3), 1.15 * bound / Math.Sqrt(3));
        }
    }

    [Fact]
    public void Should_lower_the_training_loss_with_sgd_steps()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var features = randn([32, 20], generator: generator);
        var labels = randint(0, 4, [32], generator: generator, dtype: ScalarType.Int64);
        var targets = nn.functional.one_hot(labels, 4).to_type(ScalarType.Float32);
        using var classifier = new MlpClassifier(Shape, 2);
        using var loss = new CrossEntropyLoss();
        var first = 0f;
        var last = 0f;
        for (var step = 0; step < 30; step++)
        {
            var value = loss.Compute(classifier.Forward(features), targets);
            if (step == 0) first = value.item<float>();
            last = value.item<float>();
            value.backward();
            classifier.SgdStep(0.5);
        }
        Assert.True(last < 0.7 * first, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Should_reject_a_shape_with_fewer_than_two_classes()
    {
        Assert.Throws<ArgumentException>(() => new MlpClassifier(Shape with { ClassCount = 1 }, 1));
    }
}
