namespace MetaLoss.Training.Data;

/// <summary>
/// Where the dataset files live. An explicit directory (from config or the command line) always
/// wins; FashionMNIST falls back to where Debian's dataset-fashion-mnist package installs it, and
/// CIFAR-10 has no default because no system package ships it.
/// </summary>
public sealed record DataLocations(string? FashionMnistDirectory = null, string? Cifar10Directory = null)
{
    public const string DefaultFashionMnistDirectory = "/usr/share/datasets/fashion-mnist/";

    public string EffectiveFashionMnistDirectory =>
        string.IsNullOrWhiteSpace(FashionMnistDirectory) ? DefaultFashionMnistDirectory : FashionMnistDirectory;

    /// <summary>The path of a FashionMNIST file, stored raw or as <c>name.gz</c>.</summary>
    public string FashionMnistFilePath(string fileName)
    {
        var directory = EffectiveFashionMnistDirectory;
        return ExistingRawOrGzip(directory, fileName)
            ?? throw new DataFileException(Path.Combine(directory, fileName),
                $"FashionMNIST file not found (neither {fileName} nor {fileName}.gz is in {directory}); " +
                "install it with `apt-get install dataset-fashion-mnist`, or pass a data directory that holds the IDX files");
    }

    /// <summary>The path of a CIFAR-10 batch, stored raw or as <c>name.gz</c>.</summary>
    public string Cifar10FilePath(string fileName)
    {
        const string advice = "point the CIFAR-10 directory at a `cifar-10-batches-bin` folder " +
                              "(data_batch_1..5.bin and test_batch.bin, raw or .gz)";
        if (string.IsNullOrWhiteSpace(Cifar10Directory))
            throw new DataFileException(fileName, $"no CIFAR-10 directory is configured; {advice}");
        return ExistingRawOrGzip(Cifar10Directory, fileName)
            ?? throw new DataFileException(Path.Combine(Cifar10Directory, fileName),
                $"CIFAR-10 file not found (neither {fileName} nor {fileName}.gz is in {Cifar10Directory}); {advice}");
    }

    /// <summary>Raw is preferred when both exist: it skips inflating.</summary>
    private static string? ExistingRawOrGzip(string directory, string fileName)
    {
        var raw = Path.Combine(directory, fileName);
        if (File.Exists(raw)) return raw;
        var gzip = raw + ".gz";
        return File.Exists(gzip) ? gzip : null;
    }
}
