using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Models;

/// <summary>The largest error, in units in the last place of the float result, of a vector function over evenly spaced inputs.</summary>
internal static class UlpSweep
{
    public static (double Ulp, float At) Worst(Func<VectorLanes, VectorLanes> function, Func<double, double> exact, int first, int last, float spacing)
    {
        var (worst, worstAt) = (0.0, 0f);
        var (lanes, result) = (new float[VectorLanes.Count], new float[VectorLanes.Count]);
        for (var start = first; start < last; start += lanes.Length)
        {
            for (var i = 0; i < lanes.Length; i++) lanes[i] = (start + i) * spacing;
            function(VectorLanes.Load(lanes, 0)).Store(result, 0);
            for (var i = 0; i < lanes.Length; i++)
            {
                var expected = exact(lanes[i]);
                var magnitude = MathF.Abs((float)expected);
                var error = Math.Abs(result[i] - expected) / Math.Max(MathF.BitIncrement(magnitude) - magnitude, float.Epsilon);
                if (error > worst) (worst, worstAt) = (error, lanes[i]);
            }
        }
        return (worst, worstAt);
    }

    /// <summary>
    /// A function's results for the same inputs in <see cref="VectorLanes"/> and in <see cref="Vector512Lanes"/>
    /// (emulated where the CPU has no AVX-512), for comparing their bits.
    /// </summary>
    public static (float[] Narrow, float[] Wide) AtBothWidths(float[] inputs, Func<VectorLanes, VectorLanes> narrow, Func<Vector512Lanes, Vector512Lanes> wide)
    {
        var (narrowResults, wideResults) = (new float[inputs.Length], new float[inputs.Length]);
        for (var start = 0; start < inputs.Length; start += VectorLanes.Count) narrow(VectorLanes.Load(inputs, start)).Store(narrowResults, start);
        for (var start = 0; start < inputs.Length; start += Vector512Lanes.Count) wide(Vector512Lanes.Load(inputs, start)).Store(wideResults, start);
        return (narrowResults, wideResults);
    }
}
