using System.Numerics;
using System.Runtime.CompilerServices;

namespace MetaLoss.Training.Models;

/// <summary>
/// tanh of every lane, within 1.4 ulp of the exact value (python/fit_tanh.py fits the polynomial and
/// measures the error of exactly these steps). Built from fused multiply-adds (one rounding each, by
/// the API's definition, whatever the CPU), multiplies, one divide and bit operations, each lane on
/// its own, so a lane's result never depends on the vector width or on the CPU: the bits are the same
/// wherever the same inputs are computed. NaN stays NaN.
/// </summary>
public static class VectorTanh
{
    /// <summary>Below this |x| the polynomial; above, 1 - 2 / (exp(2|x|) + 1), which no longer cancels there.</summary>
    private const float PolynomialBelow = 0.625f;

    /// <summary>tanh(10) rounds to 1 in float; clamping keeps e^2|x| within <see cref="VectorExp"/>'s range.</summary>
    private const float Saturated = VectorExp.Highest / 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> x)
    {
        var magnitude = Vector.Abs(x);
        var s = magnitude * magnitude;
        var polynomial = new Vector<float>(-0.0056724245660007f);
        polynomial = Vector.FusedMultiplyAdd(polynomial, s, new Vector<float>(0.020603150129318237f));
        polynomial = Vector.FusedMultiplyAdd(polynomial, s, new Vector<float>(-0.0537252314388752f));
        polynomial = Vector.FusedMultiplyAdd(polynomial, s, new Vector<float>(0.13331185281276703f));
        polynomial = Vector.FusedMultiplyAdd(polynomial, s, new Vector<float>(-0.3333326280117035f));
        polynomial = Vector.FusedMultiplyAdd(polynomial, s, Vector<float>.One) * magnitude;
        var exponential = VectorExp.OfSmallPositive(new Vector<float>(2f) * Vector.Min(magnitude, new Vector<float>(Saturated)));
        var saturating = Vector<float>.One - new Vector<float>(2f) / (exponential + Vector<float>.One);
        var unsigned = Vector.ConditionalSelect(Vector.LessThan(magnitude, new Vector<float>(PolynomialBelow)), polynomial, saturating);
        var signed = Vector.AsVectorSingle(Vector.AsVectorInt32(unsigned) | (Vector.AsVectorInt32(x) & new Vector<int>(int.MinValue)));
        return Vector.ConditionalSelect(Vector.Equals(x, x), signed, x);
    }
}
