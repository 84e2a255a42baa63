using System.Runtime.InteropServices;
using System.Text;

namespace MetaLoss.Training.Evolution;

/// <summary>
/// Separable CMA-ES's state between generations: the search distribution N(m, sigma^2 diag(C)) and
/// the two evolution paths. Immutable (the constructor copies its arrays); equality is bit for bit,
/// so a resumed run can be checked against an uninterrupted one.
/// </summary>
public sealed record CmaEsState : SearchState
{
    public CmaEsState(long generation, double[] mean, double stepSize, double[] variances, double[] stepSizePath, double[] covariancePath)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentNullException.ThrowIfNull(mean);
        if (mean.Length == 0) throw new ArgumentException("The mean must have at least one parameter.", nameof(mean));
        if (!double.IsFinite(stepSize) || stepSize <= 0)
            throw new ArgumentException($"The step size must be finite and positive, was {stepSize}.", nameof(stepSize));
        Check(mean, mean.Length, nameof(mean), positive: false);
        Check(variances, mean.Length, nameof(variances), positive: true);
        Check(stepSizePath, mean.Length, nameof(stepSizePath), positive: false);
        Check(covariancePath, mean.Length, nameof(covariancePath), positive: false);

        Generation = generation;
        Mean = (double[])mean.Clone();
        StepSize = stepSize;
        Variances = (double[])variances.Clone();
        StepSizePath = (double[])stepSizePath.Clone();
        CovariancePath = (double[])covariancePath.Clone();
        // Built here so that a state no genome can show (a mean or deviation beyond float) is refused at once.
        BestGuess = new Genome([.. Mean.Select(m => (float)m)], [.. Enumerable.Range(0, Length).Select(j => (float)StandardDeviation(j))]);
    }

    /// <summary>Generation 0: the distribution centred on <paramref name="initialPhi"/> with C = I and empty paths.</summary>
    public static CmaEsState Start(float[] initialPhi, double stepSize)
    {
        ArgumentNullException.ThrowIfNull(initialPhi);
        var ones = new double[initialPhi.Length];
        Array.Fill(ones, 1.0);
        return new CmaEsState(0, [.. initialPhi.Select(p => (double)p)], stepSize, ones, new double[initialPhi.Length], new double[initialPhi.Length]);
    }

    public override long Generation { get; }

    /// <summary>m, the distribution's mean: the strategy's estimate of the best MLN. Read only by convention.</summary>
    public double[] Mean { get; }

    /// <summary>sigma, the global step size.</summary>
    public double StepSize { get; }

    /// <summary>diag(C), each parameter's variance relative to sigma^2. Read only by convention.</summary>
    public double[] Variances { get; }

    /// <summary>p_sigma, the conjugate evolution path that adapts sigma. Read only by convention.</summary>
    public double[] StepSizePath { get; }

    /// <summary>p_c, the evolution path that feeds C's rank-one update. Read only by convention.</summary>
    public double[] CovariancePath { get; }

    public int Length => Mean.Length;

    /// <summary>Parameter j's standard deviation, sigma * sqrt(C_jj).</summary>
    public double StandardDeviation(int j) => StepSize * Math.Sqrt(Variances[j]);

    /// <summary>The mean, with each parameter's standard deviation as its sigma.</summary>
    public override Genome BestGuess { get; }

    public bool Equals(CmaEsState? other) =>
        ReferenceEquals(this, other) ||
        (other is not null && Generation == other.Generation &&
         BitConverter.DoubleToInt64Bits(StepSize) == BitConverter.DoubleToInt64Bits(other.StepSize) &&
         BitwiseEqual(Mean, other.Mean) && BitwiseEqual(Variances, other.Variances) &&
         BitwiseEqual(StepSizePath, other.StepSizePath) && BitwiseEqual(CovariancePath, other.CovariancePath));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Generation);
        hash.Add(StepSize);
        hash.AddBytes(MemoryMarshal.AsBytes(Mean.AsSpan()));
        hash.AddBytes(MemoryMarshal.AsBytes(Variances.AsSpan()));
        return hash.ToHashCode();
    }

    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Generation = ").Append(Generation)
            .Append(", Length = ").Append(Length)
            .Append(", StepSize = ").Append(StepSize);
        return true;
    }

    private static void Check(double[] values, int length, string name, bool positive)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != length)
            throw new ArgumentException($"{name} has {values.Length} entries but the mean has {length}; they must match.", name);
        for (var j = 0; j < values.Length; j++)
        {
            if (!double.IsFinite(values[j]) || (positive && values[j] <= 0))
                throw new ArgumentException($"{name}[{j}] is {values[j]}; it must be finite{(positive ? " and positive" : "")}.", name);
        }
    }

    private static bool BitwiseEqual(double[] a, double[] b) =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}
