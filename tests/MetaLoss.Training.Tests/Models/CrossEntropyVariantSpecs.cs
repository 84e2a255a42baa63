using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

/// <summary>
/// Label smoothing, Poly-1 and focal loss: values and logit gradients against their closed forms
/// (computed here in double precision, apart from the code under test), batched against per member.
/// </summary>
public class CrossEntropyVariantSpecs
{
    private const int Rows = 16;
    private const int Classes = 6;

    public static TheoryData<string, double> Variants => new()
    {
        { "label-smoothing", 0.1 }, { "label-smoothing", 0.3 },
        { "poly1", -1 }, { "poly1", 0.5 }, { "poly1", 2 },
        { "focal", 0.5 }, { "focal", 2 }, { "focal", 6 },
    };

    private static LossSpec Spec(string name, double parameter) => name switch
    {
        "label-smoothing" => new LossSpec.LabelSmoothing(parameter),
        "poly1" => new LossSpec.PolyOne(parameter),
        "focal" => new LossSpec.Focal(parameter),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Per row: the loss and its gradient with respect to the row's logits, from the textbook formulas.</summary>
    private static (double Loss, double[] Gradient) ClosedForm(string name, double parameter, float[] logits, int label)
    {
        var max = logits.Max();
        var exps = logits.Select(z => Math.Exp(z - max)).ToArray();
        var p = exps.Select(e => e / exps.Sum()).ToArray();
        var y = Enumerable.Range(0, logits.Length).Select(k => k == label ? 1.0 : 0.0).ToArray();
        var pt = p[label];
        switch (name)
        {
            case "label-smoothing":
            {
                var q = y.Select(v => (1 - parameter) * v + parameter / logits.Length).ToArray();
                return (-q.Select((qk, k) => qk * Math.Log(p[k])).Sum(), [.. p.Select((pk, k) => pk - q[k])]);
            }
            case "poly1":
                return (-Math.Log(pt) + parameter * (1 - pt), [.. p.Select((pk, k) => (1 + parameter * pt) * (pk - y[k]))]);
            default:
            {
                var gamma = parameter;
                // dL/dp_t times dp_t/dz_k = p_t (y_k - p_k).
                var dLoss = gamma * Math.Pow(1 - pt, gamma - 1) * Math.Log(pt) - Math.Pow(1 - pt, gamma) / pt;
                return (-Math.Pow(1 - pt, gamma) * Math.Log(pt), [.. p.Select((pk, k) => dLoss * pt * (y[k] - pk))]);
            }
        }
    }

    private static (Tensor Logits, Tensor Targets, long[] Labels) Batch(long[] shape, ulong seed, float scale = 3)
    {
        var generator = new Generator(seed);
        var logits = randn(shape, generator: generator).mul_(scale.ToScalar());
        var labels = randint(0, Classes, shape[..^1], generator: generator, dtype: ScalarType.Int64);
        var targets = nn.functional.one_hot(labels, Classes).to_type(ScalarType.Float32);
        return (logits, targets, labels.data<long>().ToArray());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Should_give_the_formulas_value_and_logit_gradient(string name, double parameter)
    {
        using var scope = NewDisposeScope();
        var (logits, targets, labels) = Batch([Rows, Classes], seed: 3);
        using var loss = Spec(name, parameter).Create();

        var (value, gradient) = LogitGradients.WithValues(loss, logits, targets);

        var rows = Enumerable.Range(0, Rows)
            .Select(r => ClosedForm(name, parameter, logits[r].data<float>().ToArray(), (int)labels[r])).ToList();
        Assert.Equal(rows.Average(r => r.Loss), value.item<float>(), 5);
        var ours = gradient.data<float>().ToArray();
        var expected = rows.SelectMany(r => r.Gradient.Select(g => g / Rows)).ToArray();
        var scale = expected.Max(Math.Abs);
        Assert.True(scale > 1e-3, "a vanishing gradient would prove nothing");
        Assert.All(ours.Zip(expected), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-5 * scale + 1e-7,
            $"{name} {parameter}: gradient {pair.First} against the formula's {pair.Second}"));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Should_give_each_member_of_a_batch_its_own_mean_and_gradient(string name, double parameter)
    {
        using var scope = NewDisposeScope();
        var (logits, targets, _) = Batch([3, Rows, Classes], seed: 4);
        using var loss = Spec(name, parameter).Create();

        var (values, gradient) = LogitGradients.WithValues(loss, logits, targets);

        Assert.Equal([3L], values.shape);
        for (var member = 0; member < 3; member++)
        {
            var (alone, aloneGradient) = LogitGradients.WithValues(loss, logits[member], targets[member]);
            Assert.Equal(alone.item<float>(), values[member].item<float>(), 6);
            Assert.True(gradient[member].allclose(aloneGradient, rtol: 1e-5, atol: 1e-8), $"{name} {parameter}: member {member}'s gradient");
        }
    }

    [Theory]
    [InlineData("label-smoothing")]
    [InlineData("poly1")]
    [InlineData("focal")]
    public void Should_be_cross_entropy_at_a_parameter_of_zero(string name)
    {
        using var scope = NewDisposeScope();
        var (logits, targets, _) = Batch([Rows, Classes], seed: 5);
        using var variant = Spec(name, 0).Create();
        using var crossEntropy = new CrossEntropyLoss();

        var (value, gradient) = LogitGradients.WithValues(variant, logits, targets);
        var (expected, expectedGradient) = LogitGradients.WithValues(crossEntropy, logits, targets);

        Assert.Equal(expected.item<float>(), value.item<float>(), 5);
        Assert.True(gradient.allclose(expectedGradient, rtol: 1e-5, atol: 1e-7));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2)]
    public void Should_keep_focal_gradients_finite_where_the_target_probability_rounds_to_one(double gamma)
    {
        using var scope = NewDisposeScope();
        // Rows so confident that the other classes' probabilities underflow: 1 - p_t is exactly 0 in float32.
        var (logits, targets, _) = Batch([Rows, Classes], seed: 6);
        var saturated = logits.clone().add_(targets, (200f).ToScalar());
        using var loss = new LossSpec.Focal(gamma).Create();

        var (value, gradient) = LogitGradients.WithValues(loss, saturated, targets);

        Assert.Equal(0f, value.item<float>());
        Assert.True(gradient.isfinite().all().item<bool>(), "a NaN or infinite gradient where the loss is flat");
        Assert.Equal(0f, gradient.abs().max().item<float>());
    }

    [Fact]
    public void Should_refuse_a_parameter_out_of_its_range()
    {
        Assert.Contains("label smoothing's epsilon must be in [0, 1), got 1", Assert.Throws<ArgumentException>(() => new LossSpec.LabelSmoothing(1)).Message);
        Assert.Throws<ArgumentException>(() => new LossSpec.LabelSmoothing(-0.1));
        Assert.Contains("Poly-1's epsilon must be a number of at least -1", Assert.Throws<ArgumentException>(() => new LossSpec.PolyOne(-1.5)).Message);
        Assert.Throws<ArgumentException>(() => new LossSpec.PolyOne(double.PositiveInfinity));
        Assert.Contains("focal loss's gamma", Assert.Throws<ArgumentException>(() => new LossSpec.Focal(double.NaN)).Message);
        Assert.Throws<ArgumentException>(() => new FocalLoss(-1));
    }

    [Fact]
    public void Should_batch_only_members_with_the_same_parameter()
    {
        Assert.Equal(BatchedLosses.KindOf(new LossSpec.Focal(2)), BatchedLosses.KindOf(new LossSpec.Focal(2.0)));
        Assert.NotEqual(BatchedLosses.KindOf(new LossSpec.Focal(2)), BatchedLosses.KindOf(new LossSpec.Focal(2.0000001)));
        Assert.NotEqual(BatchedLosses.KindOf(new LossSpec.PolyOne(1)), BatchedLosses.KindOf(new LossSpec.LabelSmoothing(0.1)));
        var error = Assert.Throws<ArgumentException>(() => BatchedLosses.Create([new LossSpec.LabelSmoothing(0.1), new LossSpec.LabelSmoothing(0.2)]));
        Assert.Contains("one kind of loss", error.Message);
        using var batched = BatchedLosses.Create([new LossSpec.PolyOne(1), new LossSpec.PolyOne(1)]);
        Assert.IsType<PolyOneLoss>(batched);
    }
}
