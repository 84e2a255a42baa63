using System.Buffers.Binary;
using static TorchSharp.torch;

namespace MetaLoss.Training.Data;

/// <summary>
/// Reads the IDX format of MNIST and FashionMNIST: a big-endian magic number whose last byte is the
/// dimension count, one big-endian int32 per dimension, then the unsigned bytes, raw or gzip.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    /// <summary>Images and labels from a pair of IDX files, checked against each other.</summary>
    public static ImageDataset ReadDataset(string name, string imagesPath, string labelsPath, int classCount)
    {
        var labels = ReadLabels(labelsPath, classCount);
        var pixels = ReadImages(imagesPath);
        var imageCount = pixels.shape[0];
        if (imageCount != labels.Length)
        {
            pixels.Dispose();
            throw new DataFileException(labelsPath,
                $"{labels.Length:N0} labels but {imagesPath} holds {imageCount:N0} images; the two files must come from the same split");
        }
        return new ImageDataset(name, pixels, labels, classCount);
    }

    /// <summary>uint8 [count, rows * cols], rows in file order.</summary>
    public static Tensor ReadImages(string path)
    {
        var file = DataFile.Read(path);
        const int headerBytes = 16;
        RequireMagic(file, ImagesMagic, "images: unsigned bytes, 3 dimensions");
        RequireAtLeast(file, headerBytes);
        var count = ReadDimension(file, 0);
        var rows = ReadDimension(file, 1);
        var cols = ReadDimension(file, 2);
        // Int128: three 32-bit dimensions from a corrupt header must not overflow into a plausible size.
        var declaredBytes = (Int128)count * rows * cols;
        if (declaredBytes > Array.MaxLength)
            throw file.Fault($"header declares {count:N0} images of {rows}x{cols}, too large to hold in memory");
        var pixelBytes = (int)declaredBytes;
        RequireExactly(file, headerBytes + pixelBytes);
        return PixelTensor.From(file.Bytes.AsSpan(headerBytes, pixelBytes), count, rows * cols);
    }

    /// <summary>One label per row; every label must lie in [0, classCount).</summary>
    public static int[] ReadLabels(string path, int classCount)
    {
        var file = DataFile.Read(path);
        const int headerBytes = 8;
        RequireMagic(file, LabelsMagic, "labels: unsigned bytes, 1 dimension");
        RequireAtLeast(file, headerBytes);
        var count = ReadDimension(file, 0);
        RequireExactly(file, headerBytes + count);
        var labels = new int[count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = file.Bytes[headerBytes + i];
            if (labels[i] >= classCount)
                throw file.Fault($"label {i:N0} is {labels[i]}, outside the {classCount} classes 0..{classCount - 1}");
        }
        return labels;
    }

    private static void RequireMagic(DataFile file, int expected, string meaning)
    {
        RequireAtLeast(file, sizeof(int));
        var found = BinaryPrimitives.ReadInt32BigEndian(file.Bytes);
        if (found != expected)
            throw file.Fault($"wrong magic number: expected 0x{expected:X8} ({meaning}), found 0x{found:X8}{file.NameHint}");
    }

    private static long ReadDimension(DataFile file, int dimension) =>
        // Read as unsigned: a negative size can only mean a corrupt header, and the length check then says so.
        BinaryPrimitives.ReadUInt32BigEndian(file.Bytes.AsSpan(4 + 4 * dimension));

    private static void RequireAtLeast(DataFile file, long expected)
    {
        if (file.Bytes.Length < expected)
            throw Truncated(file, expected);
    }

    /// <summary>A short file was cut off; a long one is not what its header says it is.</summary>
    private static void RequireExactly(DataFile file, long expected)
    {
        RequireAtLeast(file, expected);
        if (file.Bytes.Length > expected)
            throw file.Fault($"expected {expected:N0} bytes as the header declares, found {file.Bytes.Length:N0}");
    }

    private static DataFileException Truncated(DataFile file, long expected) =>
        file.Fault($"truncated: expected {expected:N0} bytes, found {file.Bytes.Length:N0}{file.SizeHint}");
}
