using System.Buffers.Binary;

namespace MetaLoss.Host.Tests;

/// <summary>Hand-made FashionMNIST IDX files, for data that loads but cannot give the episodes a run needs.</summary>
public static class IdxFiles
{
    /// <summary>A train split of 1x1 images, all labelled <paramref name="label"/>, in a new directory.</summary>
    public static string FashionMnistTrainSplitOfOneLabel(int images, byte label)
    {
        var directory = SmallRun.NewDirectory();
        File.WriteAllBytes(Path.Combine(directory, "train-images-idx3-ubyte"), [.. Header(0x803, images, 1, 1), .. new byte[images]]);
        File.WriteAllBytes(Path.Combine(directory, "train-labels-idx1-ubyte"), [.. Header(0x801, images), .. Enumerable.Repeat(label, images)]);
        return directory;
    }

    private static byte[] Header(int magic, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        return header;
    }
}
