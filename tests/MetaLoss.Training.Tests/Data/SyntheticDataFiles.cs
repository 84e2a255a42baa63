using System.Buffers.Binary;
using System.IO.Compression;

namespace MetaLoss.Training.Tests.Data;

/// <summary>A temporary directory of small hand-made IDX and CIFAR-10 files, deleted on dispose.</summary>
public sealed class SyntheticDataFiles : IDisposable
{
    public SyntheticDataFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "metaloss-data-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>IDX images: magic 0x803, dims (count, rows, cols), then the pixels.</summary>
    public static byte[] IdxImages(byte[][] images, int rows, int cols)
    {
        var header = Header(0x00000803, images.Length, rows, cols);
        return [.. header, .. images.SelectMany(image => image)];
    }

    /// <summary>IDX labels: magic 0x801, dim (count), then one byte per label.</summary>
    public static byte[] IdxLabels(params byte[] labels) => [.. Header(0x00000801, labels.Length), .. labels];

    /// <summary>CIFAR-10 records: label byte, then 3072 pixel bytes, pixel i of record r = (r * 7 + i) % 256.</summary>
    public static byte[] CifarBatch(params byte[] labels)
    {
        var bytes = new List<byte>();
        for (var r = 0; r < labels.Length; r++)
        {
            bytes.Add(labels[r]);
            for (var i = 0; i < 3072; i++)
                bytes.Add(CifarPixel(r, i));
        }
        return [.. bytes];
    }

    public static byte CifarPixel(int record, int feature) => (byte)((record * 7 + feature) % 256);

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="content"/> as <paramref name="fileName"/> and returns the full path.</summary>
    public string Write(string fileName, byte[] content)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static byte[] Header(int magic, params int[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var d = 0; d < dims.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), dims[d]);
        return header;
    }
}
