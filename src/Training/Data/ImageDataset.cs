using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Data;

/// <summary>
/// One split of an image dataset, resident in memory as uint8 pixels (a quarter of float32's
/// footprint) and scaled to [0, 1] only for the rows an episode uses.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    public ImageDataset(string name, Tensor pixels, int[] labels, int classCount)
    {
        if (pixels.dtype != ScalarType.Byte || pixels.dim() != 2)
            throw new ArgumentException("pixels must be a uint8 [count, features] tensor", nameof(pixels));
        if (pixels.shape[0] != labels.Length)
            throw new ArgumentException($"{pixels.shape[0]} images but {labels.Length} labels", nameof(labels));
        Name = name;
        Pixels = pixels;
        Labels = labels;
        ClassCount = classCount;
    }

    public string Name { get; }

    /// <summary>uint8 [Count, FeatureCount].</summary>
    public Tensor Pixels { get; }

    public IReadOnlyList<int> Labels { get; }

    public int ClassCount { get; }

    public int Count => Labels.Count;

    public int FeatureCount => (int)Pixels.shape[1];

    /// <summary>Static, so never finalized during a call (see TorchScalars).</summary>
    private static readonly Scalar MaxPixel = 255f.ToScalar();

    /// <summary>float32 [indices.Length, FeatureCount] in [0, 1].</summary>
    public Tensor Features(long[] indices)
    {
        using var scope = NewDisposeScope();
        using var index = tensor(indices, ScalarType.Int64);
        return Pixels.index_select(0, index).to_type(ScalarType.Float32).div_(MaxPixel).MoveToOuterDisposeScope();
    }

    /// <summary>Images [start, start + count) as a dataset of their own, with its own copy of the pixels.</summary>
    public ImageDataset Slice(string name, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (start + count > Count) throw new ArgumentOutOfRangeException(nameof(count), $"images {start}..{start + count} exceed the {Count} there are");
        return new ImageDataset(name, Pixels.narrow(0, start, count).clone(), [.. Labels.Skip(start).Take(count)], ClassCount);
    }

    public void Dispose() => Pixels.Dispose();
}
