namespace MetaLoss.Training.Models;

/// <summary>
/// A vector register's worth of floats, one lane each, so that <see cref="CpuMlnTrainingLoss"/>,
/// <see cref="VectorTanh"/> and <see cref="VectorExp"/> are written once and compiled for the width
/// the CPU runs best. That cannot be <c>Vector&lt;float&gt;</c> alone: the runtime keeps it at 256 bits
/// on AVX-512 CPUs unless an environment variable says otherwise. Every operation works lane by lane,
/// so a lane's bits never depend on the width.
/// </summary>
public interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    static abstract int Count { get; }
    static abstract TSelf One { get; }
    static abstract TSelf Zero { get; }
    static abstract TSelf Of(float value);
    static abstract TSelf Load(float[] values, int start);
    void Store(float[] values, int start);
    float First { get; }

    static abstract TSelf operator +(TSelf left, TSelf right);
    static abstract TSelf operator -(TSelf left, TSelf right);
    static abstract TSelf operator *(TSelf left, TSelf right);
    static abstract TSelf operator /(TSelf left, TSelf right);
    static abstract TSelf operator -(TSelf value);

    /// <summary>a b + c with one rounding, whatever the CPU.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);
    static abstract TSelf Abs(TSelf value);
    static abstract TSelf Min(TSelf left, TSelf right);
    static abstract TSelf Max(TSelf left, TSelf right);
    static abstract TSelf Floor(TSelf value);

    /// <summary>Each lane of <paramref name="whenLess"/> where left &lt; right, else of <paramref name="otherwise"/>.</summary>
    static abstract TSelf WhereLess(TSelf left, TSelf right, TSelf whenLess, TSelf otherwise);

    /// <summary>Each lane of <paramref name="whenEqual"/> where left == right (never for NaN), else of <paramref name="otherwise"/>.</summary>
    static abstract TSelf WhereEqual(TSelf left, TSelf right, TSelf whenEqual, TSelf otherwise);

    /// <summary>The bits of <paramref name="unsigned"/> (sign bit clear) with the sign bit of <paramref name="sign"/>.</summary>
    static abstract TSelf WithSignOf(TSelf unsigned, TSelf sign);

    /// <summary>2^n for whole numbers -126 &lt;= n &lt;= 127, written straight into the exponent bits.</summary>
    static abstract TSelf TwoToThe(TSelf whole);
}
