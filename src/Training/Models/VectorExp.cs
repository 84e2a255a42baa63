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
    public static TLanes Of<TLanes>(TLanes u) where TLanes : struct, ILanes<TLanes>
    {
        var series = Reduced(TLanes.Max(u, TLanes.Of(Lowest)), out var whole);
        // 2^n in two halves, so that both stay normal floats down to n = -150 (floor(n / 2) is exact in float).
        var half = TLanes.Floor(whole * TLanes.Of(0.5f));
        var result = series * TLanes.TwoToThe(half) * TLanes.TwoToThe(whole - half);
        return TLanes.WhereEqual(u, u, result, u);
    }

    /// <summary>As <see cref="Of"/> for 0 &lt;= u &lt;= <see cref="Highest"/> only, in fewer steps; NaN in, anything out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TLanes OfSmallPositive<TLanes>(TLanes u) where TLanes : struct, ILanes<TLanes> =>
        Reduced(u, out var whole) * TLanes.TwoToThe(whole);

    /// <summary>
    /// u = n ln 2 + r with |r| &lt;= ln 2 / 2 (ln 2 in two parts, so n ln 2 is exact): e^r by its Taylor
    /// series to r^7, and n (a whole number, as a float).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLanes Reduced<TLanes>(TLanes u, out TLanes whole) where TLanes : struct, ILanes<TLanes>
    {
        whole = TLanes.Floor(TLanes.MultiplyAdd(u, TLanes.Of(1.442695f), TLanes.Of(0.5f)));
        var r = TLanes.MultiplyAdd(whole, TLanes.Of(-1.4286068e-06f), TLanes.MultiplyAdd(whole, TLanes.Of(-0.693145751953125f), u));
        var series = TLanes.Of(1f / 5040);
        series = TLanes.MultiplyAdd(series, r, TLanes.Of(1f / 720));
        series = TLanes.MultiplyAdd(series, r, TLanes.Of(1f / 120));
        series = TLanes.MultiplyAdd(series, r, TLanes.Of(1f / 24));
        series = TLanes.MultiplyAdd(series, r, TLanes.Of(1f / 6));
        series = TLanes.MultiplyAdd(series, r, TLanes.Of(0.5f));
        series = TLanes.MultiplyAdd(series, r, TLanes.One);
        return TLanes.MultiplyAdd(series, r, TLanes.One);
    }
}
