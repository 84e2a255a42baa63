using System.Runtime.CompilerServices;

namespace MetaLoss.Training.Models;

/// <summary>The range check of an <see cref="ILanes{TSelf}"/> load or store, whose unsafe vector load and store check nothing.</summary>
internal static class LaneRange
{
    /// <summary>One comparison, and a throw the JIT knows never returns (so no register is saved around it in the loops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(float[] values, int start, int count)
    {
        if ((ulong)(uint)start + (uint)count > (uint)values.Length) OutOfRange(values, start, count);
    }

    /// <summary>Throws only: a NoInlining attribute here made the JIT spill the kernel's accumulators to the stack.</summary>
    private static void OutOfRange(float[] values, int start, int count) =>
        throw new ArgumentOutOfRangeException(nameof(start), $"{count} lanes from {start} do not fit in {values.Length} values");
}
