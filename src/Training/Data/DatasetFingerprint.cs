using System.Security.Cryptography;

namespace MetaLoss.Training.Data;

/// <summary>
/// SHA-256 over a dataset split's decoded images and labels (and its shape): what a run's results
/// depend on, whatever files or directory they were read from. A run journals the fingerprints of
/// the splits it uses, so a resume or an evaluator node with other data is refused.
/// </summary>
public sealed record DatasetFingerprint(DatasetName Dataset, string Sha256)
{
    /// <summary>64 lower-case hex digits; anything else (a corrupt journal) is refused.</summary>
    public string Sha256 { get; } = Sha256.Length == 64 && Sha256.All(char.IsAsciiHexDigitLower)
        ? Sha256
        : throw new ArgumentException($"a dataset fingerprint is 64 lower-case hex digits, got '{Sha256}'", nameof(Sha256));

    public static DatasetFingerprint Of(DatasetName name, ImageDataset dataset)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[12];
        BitConverter.TryWriteBytes(header[..4], dataset.Count);
        BitConverter.TryWriteBytes(header[4..8], dataset.FeatureCount);
        BitConverter.TryWriteBytes(header[8..], dataset.ClassCount);
        hash.AppendData(header);
        var labels = new byte[dataset.Count * sizeof(int)];
        for (var i = 0; i < dataset.Count; i++) BitConverter.TryWriteBytes(labels.AsSpan(i * sizeof(int)), dataset.Labels[i]);
        hash.AppendData(labels);
        hash.AppendData(dataset.Pixels.bytes);
        return new DatasetFingerprint(name, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>
    /// The first of a run's fingerprints that this process's data (<paramref name="local"/>, null
    /// when it has no fingerprint for a dataset: not checked) does not match, naming both; or null.
    /// </summary>
    public static string? FirstMismatch(IReadOnlyList<DatasetFingerprint> run, Func<DatasetName, DatasetFingerprint?> local)
    {
        foreach (var expected in run)
        {
            if (local(expected.Dataset) is { } actual && actual.Sha256 != expected.Sha256)
                return $"data {DatasetNames.Format(expected.Dataset)}: the run's fingerprint is {expected.Sha256}, this process has {actual.Sha256}";
        }
        return null;
    }

    public override string ToString() => $"{DatasetNames.Format(Dataset)} {Sha256}";
}
