using System.Runtime.InteropServices;
using System.Text;

namespace MetaLoss.Training.Evolution;

/// <summary>
/// One individual of the evolution strategy: the Meta-Loss Network's flat parameters
/// <see cref="Phi"/> and a mutation strength per parameter <see cref="Sigma"/>.
/// Immutable: the constructor copies its inputs, and nothing may write to the arrays it exposes.
/// Equality compares the arrays bit for bit, because resumed runs are checked against
/// uninterrupted ones genome by genome.
/// </summary>
public sealed record Genome
{
    public Genome(float[] phi, float[] sigma)
    {
        ArgumentNullException.ThrowIfNull(phi);
        ArgumentNullException.ThrowIfNull(sigma);
        if (phi.Length == 0)
            throw new ArgumentException("Phi must have at least one parameter.", nameof(phi));
        if (sigma.Length != phi.Length)
            throw new ArgumentException(
                $"Sigma has {sigma.Length} entries but Phi has {phi.Length}; they must match.", nameof(sigma));
        for (var j = 0; j < phi.Length; j++)
        {
            if (!float.IsFinite(phi[j]))
                throw new ArgumentException($"Phi[{j}] is {phi[j]}; parameters must be finite.", nameof(phi));
            if (!float.IsFinite(sigma[j]) || sigma[j] <= 0f)
                throw new ArgumentException(
                    $"Sigma[{j}] is {sigma[j]}; mutation strengths must be finite and positive.", nameof(sigma));
        }

        Phi = (float[])phi.Clone();
        Sigma = (float[])sigma.Clone();
    }

    /// <summary>The loss network's parameters, flattened. Read only by convention.</summary>
    public float[] Phi { get; }

    /// <summary>Per-parameter mutation strengths, same length as <see cref="Phi"/>. Read only by convention.</summary>
    public float[] Sigma { get; }

    public int Length => Phi.Length;

    /// <summary>A genome whose every mutation strength is <paramref name="sigma"/>.</summary>
    public static Genome WithUniformSigma(float[] phi, float sigma)
    {
        ArgumentNullException.ThrowIfNull(phi);
        var sigmas = new float[phi.Length];
        Array.Fill(sigmas, sigma);
        return new Genome(phi, sigmas);
    }

    public bool Equals(Genome? other) =>
        ReferenceEquals(this, other) ||
        (other is not null && BitwiseEqual(Phi, other.Phi) && BitwiseEqual(Sigma, other.Sigma));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes(Phi.AsSpan()));
        hash.AddBytes(MemoryMarshal.AsBytes(Sigma.AsSpan()));
        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Length = ").Append(Length);
        return true;
    }

    private static bool BitwiseEqual(float[] a, float[] b) =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}
