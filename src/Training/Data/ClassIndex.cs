using System.Runtime.CompilerServices;

namespace MetaLoss.Training.Data;

/// <summary>
/// The rows of each class of one dataset, in ascending row order. Built once per dataset instance
/// and cached, so that sampling an episode never rescans the labels.
/// </summary>
public sealed class ClassIndex
{
    // Weak keys: the index lives exactly as long as its dataset.
    private static readonly ConditionalWeakTable<ImageDataset, ClassIndex> Cache = new();

    private readonly int[][] _rowsByClass;

    public ClassIndex(IReadOnlyList<int> labels, int classCount)
    {
        var counts = new int[classCount];
        foreach (var label in labels)
            counts[label]++;
        _rowsByClass = [.. counts.Select(count => new int[count])];
        var filled = new int[classCount];
        for (var row = 0; row < labels.Count; row++)
        {
            var label = labels[row];
            _rowsByClass[label][filled[label]++] = row;
        }
    }

    public static ClassIndex For(ImageDataset data) =>
        Cache.GetValue(data, d => new ClassIndex(d.Labels, d.ClassCount));

    public int ClassCount => _rowsByClass.Length;

    public ReadOnlySpan<int> RowsOf(int classId) => _rowsByClass[classId];
}
