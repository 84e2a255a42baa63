using System.Numerics;

namespace MetaLoss.Training.Tests.Models;

/// <summary>The largest error, in units in the last place of the float result, of a vector function over evenly spaced inputs.</summary>
internal static class UlpSweep
{
    public static (double Ulp, float At) Worst(Func<Vector<float>, Vector<float>> function, Func<double, double> exact, int first, int last, float spacing)
    {
        var (worst, worstAt) = (0.0, 0f);
        var lanes = new float[Vector<float>.Count];
        for (var start = first; start < last; start += lanes.Length)
        {
            for (var i = 0; i < lanes.Length; i++) lanes[i] = (start + i) * spacing;
            var result = function(new Vector<float>(lanes));
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
}
