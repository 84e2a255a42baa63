using System.Numerics;
using System.Runtime.CompilerServices;

namespace MetaLoss.Training.Models;

/// <summary>
/// e^u of every lane for u up to 20, within 1 ulp wherever the result is a normal float
/// (python/fit_tanh.py measures exactly these steps), 0 far below, NaN for NaN. Built like
/// <see cref="VectorTanh"/>, so its bits too depend on the inputs alone.
/// </summary>
public static class VectorExp
{
    /// <summary>e^-104 is below half the smallest float, so anything lower gives the same 0.</summary>
    private const float Lowest = -104f;

    public const float Highest = 20f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> u)
    {
        var series = Reduced(Vector.Max(u, new Vector<float>(Lowest)), out var n);
        // 2^n in two halves, so that both stay normal floats down to n = -150.
        var half = Vector.ShiftRightArithmetic(n, 1);
        var result = series * PowerOfTwo(half) * PowerOfTwo(n - half);
        return Vector.ConditionalSelect(Vector.Equals(u, u), result, u);
    }

    /// <summary>As <see cref="Of"/> for 0 &lt;= u &lt;= <see cref="Highest"/> only, in fewer steps; NaN in, anything out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> OfSmallPositive(Vector<float> u) => Reduced(u, out var n) * PowerOfTwo(n);

    /// <summary>
    /// u = n ln 2 + r with |r| &lt;= ln 2 / 2 (ln 2 in two parts, so n ln 2 is exact): e^r by its Taylor
    /// series to r^7, and n.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Reduced(Vector<float> u, out Vector<int> n)
    {
        var whole = Vector.Floor(Vector.FusedMultiplyAdd(u, new Vector<float>(1.442695f), new Vector<float>(0.5f)));
        var r = Vector.FusedMultiplyAdd(whole, new Vector<float>(-1.4286068e-06f), Vector.FusedMultiplyAdd(whole, new Vector<float>(-0.693145751953125f), u));
        n = Vector.ConvertToInt32(whole);
        var series = new Vector<float>(1f / 5040);
        series = Vector.FusedMultiplyAdd(series, r, new Vector<float>(1f / 720));
        series = Vector.FusedMultiplyAdd(series, r, new Vector<float>(1f / 120));
        series = Vector.FusedMultiplyAdd(series, r, new Vector<float>(1f / 24));
        series = Vector.FusedMultiplyAdd(series, r, new Vector<float>(1f / 6));
        series = Vector.FusedMultiplyAdd(series, r, new Vector<float>(0.5f));
        series = Vector.FusedMultiplyAdd(series, r, Vector<float>.One);
        return Vector.FusedMultiplyAdd(series, r, Vector<float>.One);
    }

    /// <summary>2^n for -126 &lt;= n &lt;= 127, written straight into the exponent bits.</summary>
    private static Vector<float> PowerOfTwo(Vector<int> n) =>
        Vector.AsVectorSingle(Vector.ShiftLeft(n + new Vector<int>(127), 23));
}
