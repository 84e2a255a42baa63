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
        using var a = new BatchedMlpClassifier(Shape, [5]);
        using var b = new BatchedMlpClassifier(Shape, [5]);
        using var c = new BatchedMlpClassifier(Shape, [6]);
        var pa = a.Parameters.Select(p => p.data<float>().ToArray()).ToList();
        var pb = b.Parameters.Select(p => p.data<float>().ToArray()).ToList();
        var pc = c.Parameters.Select(p => p.data<float>().ToArray()).ToList();
        for (var i = 0; i < pa.Count; i++) Assert.Equal(pa[i], pb[i]);
        Assert.NotEqual(pa[0], pc[0]);
    }

    [Fact]
    public void Should_start_each_member_of_a_population_from_its_own_seed()
    {
        using var lone = new BatchedMlpClassifier(Shape, [6]);
        using var population = new BatchedMlpClassifier(Shape, [5, 6]);
        var expected = lone.Parameters.Select(p => p.data<float>().ToArray()).ToList();
        var secondMember = population.Parameters.Select(p => p[1].data<float>().ToArray()).ToList();
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], secondMember[i]);
    }

    [Fact]
    public void Should_start_every_member_from_exactly_the_draw_of_its_seed_when_seeds_repeat()
    {
        // A paired group shares one seed: it is drawn once and copied to the members that repeat it.
        ulong[] seeds = [5, 6, 5, 5];
        using var population = new BatchedMlpClassifier(Shape, seeds);
        var parameters = population.Parameters.ToList();
        for (var p = 0; p < seeds.Length; p++)
        {
            var drawn = ClassifierInitializer.Draw(Shape, seeds[p]);
            for (var layer = 0; layer < drawn.Count; layer++)
            {
                Assert.Equal(drawn[layer].Weight, parameters[layer][p].data<float>().ToArray());
                Assert.Equal(drawn[layer].Bias, parameters[drawn.Count + layer][p].data<float>().ToArray());
            }
        }
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
    public void Should_step_each_member_as_autograd_and_plain_sgd_would_with_its_own_rate()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(4);
        var features = randn([2, 32, 20], generator: generator);
        var targets = nn.functional.one_hot(randint(0, 4, [2, 32], generator: generator, dtype: ScalarType.Int64), 4).to_type(ScalarType.Float32);
        using var classifier = new BatchedMlpClassifier(Shape, [2, 3]);
        using var loss = new CrossEntropyLoss();
        float[] rates = [0.5f, 0.25f];
        var expected = ReferenceStep(classifier.Parameters.ToList(), features, targets, rates);

        var pass = classifier.Train(features);
        classifier.SgdStep(pass, LogitGradients.Of(loss, pass.Logits, targets), tensor(rates.Select(r => -r).ToArray(), [2, 1, 1]));

        var actual = classifier.Parameters.ToList();
        for (var i = 0; i < expected.Count; i++) AssertClose(expected[i], actual[i], $"parameter {i}", 1e-6f);
    }

    [Fact]
    public void Should_train_on_fewer_rows_than_features_in_row_form_as_autograd_would_step_by_step()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(5);
        // 8 rows of 20 features: the first layer trains in row form.
        Assert.True(RowSpaceFirstLayer.Pays(8, Shape.InputSize));
        var features = randn([2, 8, 20], generator: generator);
        var others = randn([2, 50, 20], generator: generator);
        var targets = nn.functional.one_hot(randint(0, 4, [2, 8], generator: generator, dtype: ScalarType.Int64), 4).to_type(ScalarType.Float32);
        using var classifier = new BatchedMlpClassifier(Shape, [2, 3]);
        using var loss = new CrossEntropyLoss();
        float[] rates = [0.5f, 0.25f];
        var expected = classifier.Parameters.Select(p => p.clone()).ToList();
        for (var step = 0; step < 6; step++)
        {
            expected = ReferenceStep(expected, features, targets, rates);
            var pass = classifier.Train(features);
            classifier.SgdStep(pass, LogitGradients.Of(loss, pass.Logits, targets), tensor(rates.Select(r => -r).ToArray(), [2, 1, 1]));
            // Other rows between steps (a recorded validation curve) read the weights as they stand.
            if (step % 2 == 0) AssertClose(Reference(expected, others), classifier.Forward(others), $"logits on other rows after step {step}");
        }

        // Taken in row form, before anything forms the weights.
        AssertNorms(expected, classifier.SquaredNorms());
        var actual = classifier.Parameters.ToList();
        for (var i = 0; i < expected.Count; i++) AssertClose(expected[i], actual[i], $"parameter {i}");
        AssertClose(Reference(expected, features), classifier.Forward(features), "logits on the training rows");
    }

    [Fact]
    public void Should_share_the_work_of_members_that_start_alike_on_shared_rows_and_still_step_as_autograd()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(6);
        // A paired group: one task's rows expanded to three members that start from one seed.
        var features = randn([1, 8, 20], generator: generator).expand(3, -1, -1);
        var others = randn([1, 50, 20], generator: generator).expand(3, -1, -1);
        var moreOthers = randn([1, 30, 20], generator: generator).expand(3, -1, -1);
        Assert.True(RowSpaceFirstLayer.IsShared(features) && RowSpaceFirstLayer.IsShared(others));
        Assert.True(RowSpaceFirstLayer.SharedOutputPays(3, 8, Shape.InputSize, Shape.FirstHidden));
        var targets = nn.functional.one_hot(randint(0, 4, [3, 8], generator: generator, dtype: ScalarType.Int64), 4).to_type(ScalarType.Float32);
        using var classifier = new BatchedMlpClassifier(Shape, [7, 7, 7]);
        using var loss = new CrossEntropyLoss();
        float[] rates = [0.5f, 0.25f, 0.1f];
        var expected = classifier.Parameters.Select(p => p.clone()).ToList();
        for (var step = 0; step < 6; step++)
        {
            expected = ReferenceStep(expected, features, targets, rates);
            var pass = classifier.Train(features);
            classifier.SgdStep(pass, LogitGradients.Of(loss, pass.Logits, targets), tensor(rates.Select(r => -r).ToArray(), [3, 1, 1]));
            AssertClose(Reference(expected, others), classifier.Forward(others), $"logits on other shared rows after step {step}");
            if (step % 3 == 1) AssertClose(Reference(expected, moreOthers), classifier.Forward(moreOthers), $"logits on more shared rows after step {step}");
        }

        AssertNorms(expected, classifier.SquaredNorms());
        // Other shared rows to train on: the members' weights have parted, so nothing of theirs is shared now.
        var moreFeatures = randn([1, 8, 20], generator: generator).expand(3, -1, -1);
        for (var step = 0; step < 2; step++)
        {
            expected = ReferenceStep(expected, moreFeatures, targets, rates);
            var pass = classifier.Train(moreFeatures);
            classifier.SgdStep(pass, LogitGradients.Of(loss, pass.Logits, targets), tensor(rates.Select(r => -r).ToArray(), [3, 1, 1]));
        }
        AssertClose(Reference(expected, others), classifier.Forward(others), "logits on other shared rows after training on new rows");
        var actual = classifier.Parameters.ToList();
        for (var i = 0; i < expected.Count; i++) AssertClose(expected[i], actual[i], $"parameter {i}");
        // Rows of each member's own read the weights themselves.
        var ownRows = randn([3, 5, 20], generator: generator);
        AssertClose(Reference(expected, ownRows), classifier.Forward(ownRows), "logits on rows of each member's own");
    }

    [Fact]
    public void Should_give_members_that_start_alike_their_own_first_layer_once_they_step_it_in_place()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(8);
        // 32 rows of 20 features: no row form, so the first step changes the shared start in place.
        Assert.False(RowSpaceFirstLayer.Pays(32, Shape.InputSize));
        var features = randn([3, 32, 20], generator: generator);
        var targets = nn.functional.one_hot(randint(0, 4, [3, 32], generator: generator, dtype: ScalarType.Int64), 4).to_type(ScalarType.Float32);
        using var classifier = new BatchedMlpClassifier(Shape, [7, 7, 7]);
        using var loss = new CrossEntropyLoss();
        float[] rates = [0.5f, 0.25f, 0.1f];
        var expected = classifier.Parameters.Select(p => p.clone()).ToList();
        for (var step = 0; step < 3; step++)
        {
            expected = ReferenceStep(expected, features, targets, rates);
            using var stepScope = NewDisposeScope();
            var pass = classifier.Train(features);
            classifier.SgdStep(pass, LogitGradients.Of(loss, pass.Logits, targets), tensor(rates.Select(r => -r).ToArray(), [3, 1, 1]));
        }

        AssertNorms(expected, classifier.SquaredNorms());
        var actual = classifier.Parameters.ToList();
        for (var i = 0; i < expected.Count; i++) AssertClose(expected[i], actual[i], $"parameter {i}");
    }

    [Fact]
    public void Should_lower_the_training_loss_with_sgd_steps()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var features = randn([1, 32, 20], generator: generator);
        var labels = randint(0, 4, [1, 32], generator: generator, dtype: ScalarType.Int64);
        var targets = nn.functional.one_hot(labels, 4).to_type(ScalarType.Float32);
        using var classifier = new BatchedMlpClassifier(Shape, [2]);
        using var loss = new CrossEntropyLoss();
        using var rate = tensor(new[] { -0.5f }, [1, 1, 1]);
        var first = 0f;
        var last = 0f;
        for (var step = 0; step < 30; step++)
        {
            var pass = classifier.Train(features);
            var (value, gradient) = LogitGradients.WithValues(loss, pass.Logits, targets);
            if (step == 0) first = value.item<float>();
            last = value.item<float>();
            classifier.SgdStep(pass, gradient, rate);
        }
        Assert.True(last < 0.7 * first, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Should_reject_a_shape_with_fewer_than_two_classes()
    {
        Assert.Throws<ArgumentException>(() => new BatchedMlpClassifier(Shape with { ClassCount = 1 }, [1]));
    }

    private static void AssertNorms(IReadOnlyList<Tensor> expected, double[] actual)
    {
        var sums = expected.Select(p => p.square().sum([1, 2])).Aggregate((a, b) => a + b).data<float>().ToArray();
        Assert.Equal(sums.Length, actual.Length);
        for (var p = 0; p < sums.Length; p++)
            Assert.True(Math.Abs(sums[p] - actual[p]) <= 1e-5 * sums[p], $"member {p}: squared norm {actual[p]}, expected {sums[p]}");
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what, float tolerance = 1e-5f)
    {
        var difference = (actual - expected).abs().max().item<float>();
        Assert.True(difference < tolerance, $"{what} differs from autograd's by {difference}");
    }

    /// <summary>The parameters after one step of torch's own autograd and theta - lr * grad.</summary>
    private static List<Tensor> ReferenceStep(IReadOnlyList<Tensor> parameters, Tensor features, Tensor targets, float[] rates)
    {
        var leaves = parameters.Select(p => p.detach().clone().requires_grad_()).ToList();
        using var loss = new CrossEntropyLoss();
        loss.Compute(Reference(leaves, features), targets).sum().backward();
        var scale = tensor(rates, [rates.Length, 1, 1]);
        return leaves.Select(p => (p - scale * p.grad!).detach()).ToList();
    }

    /// <summary>The logits of the plain three-layer network with these weights and biases.</summary>
    private static Tensor Reference(IReadOnlyList<Tensor> parameters, Tensor features)
    {
        var x = features;
        for (var i = 0; i < 3; i++)
        {
            x = x.bmm(parameters[i]) + parameters[3 + i];
            if (i < 2) x = x.relu();
        }
        return x;
    }
}
