using MetaLoss.Training.Data;
using static MetaLoss.Training.Tests.Data.SyntheticDataFiles;

namespace MetaLoss.Training.Tests.Data;

public sealed class Cifar10ReaderSpecs : IDisposable
{
    private readonly SyntheticDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_read_labels_and_pixels_in_channel_plane_order(bool gzip)
    {
        var content = CifarBatch(3, 9, 0);
        var path = _files.Write("test_batch.bin", gzip ? Gzip(content) : content);

        using var data = Cifar10Reader.Read("cifar", [path]);

        Assert.Equal((3, 3072, 10), (data.Count, data.FeatureCount, data.ClassCount));
        Assert.Equal(new[] { 3, 9, 0 }, data.Labels);
        var pixels = data.Pixels.data<byte>().ToArray();
        var expected = Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, 3072).Select(i => CifarPixel(r, i)));
        Assert.Equal(expected.ToArray(), pixels);
    }

    [Fact]
    public void Should_concatenate_batches_in_the_order_given()
    {
        var first = _files.Write("data_batch_1.bin", CifarBatch(1, 2));
        var second = _files.Write("data_batch_2.bin.gz", Gzip(CifarBatch(7)));

        using var data = Cifar10Reader.Read("cifar", [first, second]);

        Assert.Equal(new[] { 1, 2, 7 }, data.Labels);
        // Record 0 of the second file lands in row 2, so its first pixel is CifarPixel(0, 0), not CifarPixel(2, 0).
        var pixels = data.Pixels.data<byte>().ToArray();
        Assert.Equal(CifarPixel(0, 0), pixels[2 * 3072]);
        Assert.Equal(CifarPixel(0, 1), pixels[2 * 3072 + 1]);
        Assert.Equal(CifarPixel(1, 3071), pixels[2 * 3072 - 1]);
    }

    [Fact]
    public void Should_reject_truncated_batch_with_expected_and_actual_bytes()
    {
        var path = _files.Write("test_batch.bin", CifarBatch(1, 2)[..^100]);

        var error = Assert.Throws<DataFileException>(() => Cifar10Reader.Read("cifar", [path]));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("expected 6,146 bytes", error.Message);
        Assert.Contains("found 6,046", error.Message);
    }

    [Fact]
    public void Should_reject_empty_batch()
    {
        var path = _files.Write("test_batch.bin", []);

        var error = Assert.Throws<DataFileException>(() => Cifar10Reader.Read("cifar", [path]));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Should_reject_label_out_of_range_naming_record_and_value()
    {
        var good = _files.Write("data_batch_1.bin", CifarBatch(0));
        var bad = _files.Write("data_batch_2.bin", CifarBatch(4, 5, 12));

        var error = Assert.Throws<DataFileException>(() => Cifar10Reader.Read("cifar", [good, bad]));

        Assert.Equal(bad, error.FilePath);
        Assert.Contains("label 2 is 12", error.Message);
    }

    [Fact]
    public void Should_reject_corrupt_gzip_batch()
    {
        var gzip = Gzip(CifarBatch(1));
        gzip.AsSpan(10, 20).Fill(0xff);
        var path = _files.Write("test_batch.bin.gz", gzip);

        var error = Assert.Throws<DataFileException>(() => Cifar10Reader.Read("cifar", [path]));

        Assert.Contains("corrupt gzip stream", error.Message);
    }

    [Fact]
    public void Should_reject_missing_batch()
    {
        var path = _files.PathOf("data_batch_3.bin");

        var error = Assert.Throws<DataFileException>(() => Cifar10Reader.Read("cifar", [path]));

        Assert.Equal(path, error.FilePath);
    }
}
