using System.IO.Compression;

namespace MetaLoss.Host.Tests.Runs;

/// <summary>A FashionMNIST directory that differs from the installed one in a single label of the meta-training part.</summary>
public static class OtherData
{
    private const string Installed = "/usr/share/datasets/fashion-mnist";
    private const string Labels = "train-labels-idx1-ubyte";

    public static string MakeDirectory()
    {
        var directory = SmallRun.NewDirectory();
        foreach (var file in Directory.EnumerateFiles(Installed).Where(f => !Path.GetFileName(f).StartsWith(Labels)))
            File.CreateSymbolicLink(Path.Combine(directory, Path.GetFileName(file)), file);
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Installed, Labels + ".gz")), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        var labels = raw.ToArray();
        // The IDX header is 8 bytes; the first image is in the meta-training part.
        labels[8] = (byte)((labels[8] + 1) % 10);
        File.WriteAllBytes(Path.Combine(directory, Labels), labels);
        return directory;
    }
}
