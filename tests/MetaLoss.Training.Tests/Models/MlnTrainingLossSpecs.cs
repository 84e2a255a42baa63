using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Models;

/// <summary>
/// The MLN's hand-derived logit gradient, in both forms (op by op for a GPU, fused on the CPU), is
/// autograd's gradient of the same loss; the op-by-op form's values are the loss's own bits, the
/// fused form's (another tanh) agree to float rounding.
/// </summary>
public class MlnTrainingLossSpecs
{
    private static readonly MlnArchitecture Architecture = new(PredictionHidden: 5, TargetHidden: 3, IntegrationChannels: 4);

    public static TheoryData<bool, int, bool, double> Cases()
    {
        var cases = new TheoryData<bool, int, bool, double>();
        foreach (var fused in new[] { false, true })
        {
            cases.Add(fused, 1, false, 0.0);
            cases.Add(fused, 3, false, 0.0);
            cases.Add(fused, 1, true, 0.0);
            cases.Add(fused, 3, true, 0.3);
            cases.Add(fused, 3, true, 0.95);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_give_the_loss_values_and_autograds_logit_gradient(bool fused, int members, bool progressInput, double progress)
    {
        using var scope = NewDisposeScope();
        var architecture = Architecture with { ProgressInput = progressInput };
        var generator = new Generator(17);
        var logits = randn([members, 12, 7], generator: generator).mul_(3f.ToScalar());
        var targets = nn.functional.one_hot(randint(0, 7, [members, 12], generator: generator, dtype: ScalarType.Int64), 7).to_type(ScalarType.Float32);
        using var mln = new MetaLossNetwork(architecture, Enumerable.Range(0, members).Select(p => architecture.RandomParameters((ulong)(p + 5))).ToList());
        using ITrainingLoss training = fused ? new CpuMlnTrainingLoss(mln, targets) : new MlnTrainingLoss(mln, targets);

        var (values, gradient) = training.ValuesAndGradient(logits, progress);
        var (expectedValues, expectedGradient) = LogitGradients.WithValues(mln, logits, targets, progress: progress);

        if (fused) AssertClose(expectedValues, values, "loss values");
        else Assert.Equal(expectedValues.data<float>().ToArray(), values.data<float>().ToArray());
        AssertClose(expectedGradient, gradient, "gradients");
    }

    [Fact]
    public void Should_fuse_the_mln_on_the_cpu()
    {
        using var scope = NewDisposeScope();
        using var mln = new MetaLossNetwork(Architecture, Architecture.RandomParameters(1));
        using var training = TrainingLoss.For(mln, zeros(1, 4, 5));

        Assert.IsType<CpuMlnTrainingLoss>(training);
    }

    [Fact]
    public void Should_refuse_targets_that_are_not_one_hot_on_the_cpu()
    {
        using var scope = NewDisposeScope();
        using var mln = new MetaLossNetwork(Architecture, Architecture.RandomParameters(1));
        var smoothed = full([1, 4, 5], 0.2f);

        var error = Assert.Throws<ArgumentException>(() => new CpuMlnTrainingLoss(mln, smoothed));
        Assert.Contains("one-hot", error.Message);
    }

    /// <summary>The fused loss has no product over the group (MKL's AVX-512 path picks a batched kernel by the batch's size).</summary>
    [Fact]
    public void Should_give_a_member_the_same_bits_alone_and_in_a_group()
    {
        using var scope = NewDisposeScope();
        var (logits, targets, phis) = GroupOfFour();
        var group = GroupBits(phis, targets, logits);

        var elements = 9 * 6;
        for (var p = 0; p < 4; p++)
        {
            var alone = GroupBits([phis[p]], targets[p].unsqueeze(0), logits[p].unsqueeze(0));
            Assert.Equal(group.Values[p], alone.Values[0]);
            Assert.Equal(group.Gradient[(p * elements)..((p + 1) * elements)], alone.Gradient);
        }
    }

    /// <summary>
    /// The run's plan fixes every group, so what runs need is that a group's bits never depend on
    /// where its tensors happen to lie in memory or on what ran before.
    /// </summary>
    [Fact]
    public void Should_give_a_group_the_same_bits_every_time_wherever_its_tensors_lie()
    {
        using var scope = NewDisposeScope();
        var (logits, targets, phis) = GroupOfFour();
        var first = GroupBits(phis, targets, logits);

        // Tensors made from arrays start wherever the managed heap puts them: shift it between groups.
        var shifts = new List<float[]>();
        for (var again = 1; again < 8; again++)
        {
            shifts.Add(new float[again * 3]);
            var bits = GroupBits(phis, targets, logits);
            Assert.Equal(first.Values, bits.Values);
            Assert.Equal(first.Gradient, bits.Gradient);
        }
        GC.KeepAlive(shifts);
    }

    /// <summary>Where the CPU has no AVX-512 the wide lanes are emulated: slower, the same bits.</summary>
    [Fact]
    public void Should_give_a_group_the_same_bits_in_512_bit_lanes_as_in_vector_lanes()
    {
        using var scope = NewDisposeScope();
        var (logits, targets, _) = GroupOfFour();
        var architecture = MlnArchitecture.Default with { ProgressInput = true };
        using var group = new MetaLossNetwork(architecture, [.. Enumerable.Range(0, 4).Select(p => architecture.RandomParameters((ulong)(p + 30)))]);
        using var narrow = new CpuMlnTrainingLoss(group, targets, wideLanes: false);
        using var wide = new CpuMlnTrainingLoss(group, targets, wideLanes: true);

        var (narrowValues, narrowGradient) = narrow.ValuesAndGradient(logits, 0.4);
        var (wideValues, wideGradient) = wide.ValuesAndGradient(logits, 0.4);

        Assert.Equal(narrowValues.data<float>().ToArray(), wideValues.data<float>().ToArray());
        Assert.Equal(narrowGradient.data<float>().ToArray(), wideGradient.data<float>().ToArray());
    }

    /// <summary>Logits [4, 9, 6], one-hot targets and four MLNs' parameters, the same every call.</summary>
    private static (Tensor Logits, Tensor Targets, List<float[]> Phis) GroupOfFour()
    {
        var generator = new Generator(11);
        var logits = randn([4, 9, 6], generator: generator).mul_(2f.ToScalar());
        var targets = nn.functional.one_hot(randint(0, 6, [4, 9], generator: generator, dtype: ScalarType.Int64), 6).to_type(ScalarType.Float32);
        return (logits, targets, [.. Enumerable.Range(0, 4).Select(p => MlnArchitecture.Default.RandomParameters((ulong)(p + 20)))]);
    }

    private static (float[] Values, float[] Gradient) GroupBits(List<float[]> phis, Tensor targets, Tensor logits)
    {
        using var scope = NewDisposeScope();
        using var group = new MetaLossNetwork(MlnArchitecture.Default, phis);
        using var training = new CpuMlnTrainingLoss(group, targets.clone());
        var (values, gradient) = training.ValuesAndGradient(logits.clone(), 0);
        return (values.data<float>().ToArray(), gradient.data<float>().ToArray());
    }

    [Fact]
    public void Should_give_a_nan_loss_for_nan_logits_as_the_op_by_op_form_does()
    {
        using var scope = NewDisposeScope();
        var logits = randn([2, 3, 4], generator: new Generator(5));
        logits[1, 2, 0] = tensor(float.NaN);
        var targets = nn.functional.one_hot(tensor(new long[] { 0, 1, 2, 3, 0, 1 }, [2, 3]), 4).to_type(ScalarType.Float32);
        using var mln = new MetaLossNetwork(MlnArchitecture.Default, [MlnArchitecture.Default.RandomParameters(1), MlnArchitecture.Default.RandomParameters(2)]);
        using var fused = new CpuMlnTrainingLoss(mln, targets);
        using var opByOp = new MlnTrainingLoss(mln, targets);

        var values = fused.ValuesAndGradient(logits, 0).Values.data<float>().ToArray();
        var expected = opByOp.ValuesAndGradient(logits, 0).Values.data<float>().ToArray();

        Assert.False(float.IsNaN(values[0]));
        Assert.True(float.IsNaN(values[1]));
        Assert.Equal(expected.Select(float.IsNaN), values.Select(float.IsNaN));
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var scale = expected.abs().max().item<float>();
        var difference = (actual - expected).abs().max().item<float>();
        Assert.True(scale > 0, "zeros would prove nothing");
        Assert.True(difference <= 1e-5 * scale, $"the {what} differ by {difference}, at most {scale}");
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
