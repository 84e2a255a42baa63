using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Models;

public class VectorTanhSpecs
{
    [Fact]
    public void Should_be_within_one_and_a_half_ulp_of_tanh_everywhere()
    {
        // 0.0000125 apart over [-30, 30]: both branches, the switch at 0.625 and saturation.
        var (worst, worstAt) = UlpSweep.Worst(VectorTanh.Of, Math.Tanh, -2_400_000, 2_400_000, 0.0000125f);

        Assert.True(worst <= 1.5, $"{worst:F2} ulp at {worstAt:R}");
    }

    [Fact]
    public void Should_keep_signs_saturate_and_pass_nan_on()
    {
        var input = new float[VectorLanes.Count];
        float[] cases = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-30f, -3f, 200f];
        cases.AsSpan(0, Math.Min(cases.Length, input.Length)).CopyTo(input);

        var result = new float[input.Length];
        VectorTanh.Of(VectorLanes.Load(input, 0)).Store(result, 0);

        Assert.Equal(0f, result[0]);
        Assert.True(float.IsNegative(result[1]), "tanh(-0) is -0");
        Assert.Equal(1f, result[2]);
        Assert.Equal(-1f, result[3]);
        if (input.Length > 4)
        {
            Assert.True(float.IsNaN(result[4]));
            Assert.Equal(1e-30f, result[5]);
            Assert.Equal(-(float)Math.Tanh(3), result[6], 6e-8f);
            Assert.Equal(1f, result[7]);
        }
    }

    [Fact]
    public void Should_give_a_lane_the_same_bits_whatever_its_neighbours_and_position()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 64).Select(_ => (float)(random.NextDouble() * 16 - 8)).ToArray();
        var alone = values.Select(v => VectorTanh.Of(VectorLanes.Of(v)).First).ToArray();

        var result = new float[VectorLanes.Count];
        for (var start = 0; start + VectorLanes.Count <= values.Length; start++)
        {
            VectorTanh.Of(VectorLanes.Load(values, start)).Store(result, 0);
            for (var i = 0; i < VectorLanes.Count; i++) Assert.Equal(alone[start + i], result[i]);
        }
    }

    [Fact]
    public void Should_give_the_same_bits_in_512_bit_lanes()
    {
        // Both branches, the switch at 0.625, saturation, and the edge cases.
        float[] edges = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0.625f, -0.625f, 10f, 1e-30f];
        var inputs = edges.Concat(Enumerable.Range(0, 20_000 - edges.Length).Select(i => (i - 10_000) * 0.0013f)).ToArray();

        var (narrow, wide) = UlpSweep.AtBothWidths(inputs, VectorTanh.Of, VectorTanh.Of);

        Assert.Equal(narrow.Select(BitConverter.SingleToInt32Bits), wide.Select(BitConverter.SingleToInt32Bits));
    }
}
