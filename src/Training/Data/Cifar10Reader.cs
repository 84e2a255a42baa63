using static TorchSharp.torch;

namespace MetaLoss.Training.Data;

/// <summary>
/// Reads CIFAR-10 binary batches: records of one label byte then 3072 pixel bytes (the 32x32 R, G
/// and B planes in turn), raw or gzip. Pixels keep the file's channel-plane order.
/// </summary>
public static class Cifar10Reader
{
    public const int ClassCount = 10;
    public const int FeatureCount = 3 * 32 * 32;
    public const int RecordBytes = 1 + FeatureCount;

    public static readonly IReadOnlyList<string> TrainBatchFiles =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestBatchFile = "test_batch.bin";

    /// <summary>The records of all batches, in the order given, as one dataset.</summary>
    public static ImageDataset Read(string name, IReadOnlyList<string> batchPaths)
    {
        if (batchPaths.Count == 0)
            throw new ArgumentException("at least one batch file is needed", nameof(batchPaths));
        var batches = batchPaths.Select(DataFile.Read).ToList();
        foreach (var batch in batches)
            RequireWholeRecords(batch);

        var count = batches.Sum(b => b.Bytes.Length / RecordBytes);
        var pixels = new byte[(long)count * FeatureCount];
        var labels = new int[count];
        var row = 0;
        foreach (var batch in batches)
        {
            for (var record = 0; record < batch.Bytes.Length / RecordBytes; record++, row++)
            {
                var offset = record * RecordBytes;
                var label = batch.Bytes[offset];
                if (label >= ClassCount)
                    throw batch.Fault($"label {record:N0} is {label}, outside the {ClassCount} classes 0..{ClassCount - 1}");
                labels[row] = label;
                batch.Bytes.AsSpan(offset + 1, FeatureCount).CopyTo(pixels.AsSpan(row * FeatureCount, FeatureCount));
            }
        }
        return new ImageDataset(name, PixelTensor.From(pixels, count, FeatureCount), labels, ClassCount);
    }

    private static void RequireWholeRecords(DataFile batch)
    {
        var length = batch.Bytes.Length;
        if (length == 0)
            throw batch.Fault($"empty: expected at least one record of {RecordBytes:N0} bytes");
        if (length % RecordBytes != 0)
        {
            var expected = (length / RecordBytes + 1) * (long)RecordBytes;
            throw batch.Fault($"truncated: expected {expected:N0} bytes (whole records of {RecordBytes:N0}), found {length:N0}{batch.SizeHint}");
        }
    }
}
