using System.Collections.ObjectModel;
using System.Text;

namespace MetaLoss.Training.Evolution;

/// <summary>
/// The T parents of one generation: the (mu+lambda) strategy's state. Immutable; equality compares
/// generation and every parent bit for bit, in order, so a resumed run can be checked against an
/// uninterrupted one.
/// </summary>
public sealed record Population : SearchState
{
    public Population(long generation, IReadOnlyList<Genome> parents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentNullException.ThrowIfNull(parents);
        if (parents.Count == 0)
            throw new ArgumentException("A population needs at least one parent.", nameof(parents));
        var copy = parents.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is null)
                throw new ArgumentException($"Parent {i} is null.", nameof(parents));
            if (copy[i].Length != copy[0].Length)
                throw new ArgumentException(
                    $"Parent {i} has {copy[i].Length} parameters but parent 0 has {copy[0].Length}.", nameof(parents));
        }

        Generation = generation;
        Parents = new ReadOnlyCollection<Genome>(copy);
    }

    public override long Generation { get; }

    public IReadOnlyList<Genome> Parents { get; }

    /// <summary>The best parent of the last selection (parents are kept best first).</summary>
    public override Genome BestGuess => Parents[0];

    public int ParameterCount => Parents[0].Length;

    public bool Equals(Population? other) =>
        other is not null && Generation == other.Generation && Parents.SequenceEqual(other.Parents);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Generation);
        foreach (var parent in Parents)
            hash.Add(parent);
        return hash.ToHashCode();
    }

    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Generation = ").Append(Generation)
            .Append(", Parents = ").Append(Parents.Count)
            .Append(", ParameterCount = ").Append(ParameterCount);
        return true;
    }
}
