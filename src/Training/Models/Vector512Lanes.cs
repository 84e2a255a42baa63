using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MetaLoss.Training.Models;

/// <summary>Sixteen float lanes in one AVX-512 register: the widest lanes, where the CPU runs them natively.</summary>
public readonly struct Vector512Lanes(Vector512<float> value) : ILanes<Vector512Lanes>
{
    private readonly Vector512<float> _value = value;

    /// <summary>Where this is false, Vector512 is emulated and slower than <see cref="VectorLanes"/>.</summary>
    public static bool IsNative => Vector512.IsHardwareAccelerated;

    public static int Count => Vector512<float>.Count;
    public static Vector512Lanes One => new(Vector512<float>.One);
    public static Vector512Lanes Zero => new(Vector512<float>.Zero);
    public float First => _value.ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Of(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Load(float[] values, int start)
    {
        LaneRange.Check(values, start, Count);
        return new(Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(values), (nuint)start));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(float[] values, int start)
    {
        LaneRange.Check(values, start, Count);
        _value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(values), (nuint)start);
    }

    public static Vector512Lanes operator +(Vector512Lanes left, Vector512Lanes right) => new(left._value + right._value);
    public static Vector512Lanes operator -(Vector512Lanes left, Vector512Lanes right) => new(left._value - right._value);
    public static Vector512Lanes operator *(Vector512Lanes left, Vector512Lanes right) => new(left._value * right._value);
    public static Vector512Lanes operator /(Vector512Lanes left, Vector512Lanes right) => new(left._value / right._value);
    public static Vector512Lanes operator -(Vector512Lanes value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes MultiplyAdd(Vector512Lanes a, Vector512Lanes b, Vector512Lanes c) => new(Vector512.FusedMultiplyAdd(a._value, b._value, c._value));

    public static Vector512Lanes Abs(Vector512Lanes value) => new(Vector512.Abs(value._value));
    public static Vector512Lanes Min(Vector512Lanes left, Vector512Lanes right) => new(Vector512.Min(left._value, right._value));
    public static Vector512Lanes Max(Vector512Lanes left, Vector512Lanes right) => new(Vector512.Max(left._value, right._value));
    public static Vector512Lanes Floor(Vector512Lanes value) => new(Vector512.Floor(value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes WhereLess(Vector512Lanes left, Vector512Lanes right, Vector512Lanes whenLess, Vector512Lanes otherwise) =>
        new(Vector512.ConditionalSelect(Vector512.LessThan(left._value, right._value), whenLess._value, otherwise._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes WhereEqual(Vector512Lanes left, Vector512Lanes right, Vector512Lanes whenEqual, Vector512Lanes otherwise) =>
        new(Vector512.ConditionalSelect(Vector512.Equals(left._value, right._value), whenEqual._value, otherwise._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes WithSignOf(Vector512Lanes unsigned, Vector512Lanes sign) =>
        new((unsigned._value.AsInt32() | (sign._value.AsInt32() & Vector512.Create(int.MinValue))).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes TwoToThe(Vector512Lanes whole) =>
        new(Vector512.ShiftLeft(Vector512.ConvertToInt32(whole._value) + Vector512.Create(127), 23).AsSingle());
}
