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
    public static TLanes Of<TLanes>(TLanes x) where TLanes : struct, ILanes<TLanes>
    {
        var magnitude = TLanes.Abs(x);
        var s = magnitude * magnitude;
        var polynomial = TLanes.Of(-0.0056724245660007f);
        polynomial = TLanes.MultiplyAdd(polynomial, s, TLanes.Of(0.020603150129318237f));
        polynomial = TLanes.MultiplyAdd(polynomial, s, TLanes.Of(-0.0537252314388752f));
        polynomial = TLanes.MultiplyAdd(polynomial, s, TLanes.Of(0.13331185281276703f));
        polynomial = TLanes.MultiplyAdd(polynomial, s, TLanes.Of(-0.3333326280117035f));
        polynomial = TLanes.MultiplyAdd(polynomial, s, TLanes.One) * magnitude;
        var exponential = VectorExp.OfSmallPositive(TLanes.Of(2f) * TLanes.Min(magnitude, TLanes.Of(Saturated)));
        var saturating = TLanes.One - TLanes.Of(2f) / (exponential + TLanes.One);
        var unsigned = TLanes.WhereLess(magnitude, TLanes.Of(PolynomialBelow), polynomial, saturating);
        return TLanes.WhereEqual(x, x, TLanes.WithSignOf(unsigned, x), x);
    }
}
