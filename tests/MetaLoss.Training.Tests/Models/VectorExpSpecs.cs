using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Models;

public class VectorExpSpecs
{
    [Fact]
    public void Should_be_within_one_ulp_of_exp_over_the_normal_range()
    {
        var (worst, worstAt) = UlpSweep.Worst(VectorExp.Of, Math.Exp, -8_700_000, 2_000_000, 0.00001f);

        Assert.True(worst <= 1.0, $"{worst:F2} ulp at {worstAt:R}");
    }

    [Fact]
    public void Should_reach_zero_far_below_and_pass_nan_on()
    {
        var input = new float[VectorLanes.Count];
        float[] cases = [0f, float.NegativeInfinity, -200f, float.NaN, -100f, 20f];
        cases.AsSpan(0, Math.Min(cases.Length, input.Length)).CopyTo(input);

        var result = new float[input.Length];
        VectorExp.Of(VectorLanes.Load(input, 0)).Store(result, 0);

        Assert.Equal(1f, result[0]);
        Assert.Equal(0f, result[1]);
        Assert.Equal(0f, result[2]);
        Assert.True(float.IsNaN(result[3]));
        if (input.Length > 4)
        {
            Assert.Equal((float)Math.Exp(-100), result[4], (float)Math.Exp(-100) * 0.01f);
            Assert.Equal((float)Math.Exp(20), result[5], (float)Math.Exp(20) * 1.2e-7f);
        }
    }

    [Fact]
    public void Should_give_the_same_bits_in_512_bit_lanes()
    {
        // From below the smallest float's result (the two-halves scaling) to the top of the range.
        float[] edges = [0f, float.NegativeInfinity, float.NaN, -104f, -150f, 20f];
        var inputs = edges.Concat(Enumerable.Range(0, 20_000 - edges.Length).Select(i => -130f + i * 0.0075f)).ToArray();

        var (narrow, wide) = UlpSweep.AtBothWidths(inputs, VectorExp.Of, VectorExp.Of);

        Assert.Equal(narrow.Select(BitConverter.SingleToInt32Bits), wide.Select(BitConverter.SingleToInt32Bits));
    }
}
