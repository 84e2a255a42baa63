using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MetaLoss.Training.Models;

/// <summary>
/// The lanes of <c>Vector&lt;float&gt;</c> (8 on AVX2 and, unless configured otherwise, on AVX-512; 4 on
/// NEON): the lanes wherever <see cref="Vector512Lanes"/> are not native.
/// </summary>
public readonly struct VectorLanes(Vector<float> value) : ILanes<VectorLanes>
{
    private readonly Vector<float> _value = value;

    public static int Count => Vector<float>.Count;
    public static VectorLanes One => new(Vector<float>.One);
    public static VectorLanes Zero => new(Vector<float>.Zero);
    public float First => _value[0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Of(float value) => new(new Vector<float>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Load(float[] values, int start)
    {
        LaneRange.Check(values, start, Count);
        return new(Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(values), (nuint)start));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float[] values, int start)
    {
        LaneRange.Check(values, start, Count);
        _value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(values), (nuint)start);
    }

    public static VectorLanes operator +(VectorLanes left, VectorLanes right) => new(left._value + right._value);
    public static VectorLanes operator -(VectorLanes left, VectorLanes right) => new(left._value - right._value);
    public static VectorLanes operator *(VectorLanes left, VectorLanes right) => new(left._value * right._value);
    public static VectorLanes operator /(VectorLanes left, VectorLanes right) => new(left._value / right._value);
    public static VectorLanes operator -(VectorLanes value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes MultiplyAdd(VectorLanes a, VectorLanes b, VectorLanes c) => new(Vector.FusedMultiplyAdd(a._value, b._value, c._value));

    public static VectorLanes Abs(VectorLanes value) => new(Vector.Abs(value._value));
    public static VectorLanes Min(VectorLanes left, VectorLanes right) => new(Vector.Min(left._value, right._value));
    public static VectorLanes Max(VectorLanes left, VectorLanes right) => new(Vector.Max(left._value, right._value));
    public static VectorLanes Floor(VectorLanes value) => new(Vector.Floor(value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes WhereLess(VectorLanes left, VectorLanes right, VectorLanes whenLess, VectorLanes otherwise) =>
        new(Vector.ConditionalSelect(Vector.LessThan(left._value, right._value), whenLess._value, otherwise._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes WhereEqual(VectorLanes left, VectorLanes right, VectorLanes whenEqual, VectorLanes otherwise) =>
        new(Vector.ConditionalSelect(Vector.Equals(left._value, right._value), whenEqual._value, otherwise._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes WithSignOf(VectorLanes unsigned, VectorLanes sign) =>
        new(Vector.AsVectorSingle(Vector.AsVectorInt32(unsigned._value) | (Vector.AsVectorInt32(sign._value) & new Vector<int>(int.MinValue))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes TwoToThe(VectorLanes whole) =>
        new(Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(whole._value) + new Vector<int>(127), 23)));
}
