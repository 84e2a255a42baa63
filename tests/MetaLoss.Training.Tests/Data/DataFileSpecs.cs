using MetaLoss.Training.Data;
using static MetaLoss.Training.Tests.Data.SyntheticDataFiles;

namespace MetaLoss.Training.Tests.Data;

public sealed class DataFileSpecs : IDisposable
{
    private readonly SyntheticDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Should_detect_gzip_by_header_not_by_name()
    {
        var labels = IdxLabels(5, 6);
        var gzipWithoutSuffix = _files.Write("labels-idx1-ubyte", Gzip(labels));
        var rawWithSuffix = _files.Write("labels-idx1-ubyte.gz", labels);

        Assert.Equal(labels, DataFile.Read(gzipWithoutSuffix).Bytes);
        Assert.True(DataFile.Read(gzipWithoutSuffix).WasGzip);
        Assert.Equal(labels, DataFile.Read(rawWithSuffix).Bytes);
        Assert.False(DataFile.Read(rawWithSuffix).WasGzip);
    }

    [Fact]
    public void Should_reject_non_gzip_file_named_gz_with_a_hint()
    {
        var path = _files.Write("train-images-idx3-ubyte.gz", "<html>404 Not Found</html>"u8.ToArray());

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("wrong magic number", error.Message);
        Assert.Contains("named .gz but is not gzip-compressed", error.Message);
    }

    [Fact]
    public void Should_reject_corrupt_gzip_stream_as_data_file_error()
    {
        var gzip = Gzip(IdxImages([[1, 2, 3, 4]], 2, 2));
        for (var i = 10; i < gzip.Length - 8; i++)
            gzip[i] ^= 0x5a; // scramble the deflate body, keep the gzip header
        var path = _files.Write("images", gzip);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("corrupt gzip stream", error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void Should_report_gzip_file_cut_off_mid_stream_as_truncated()
    {
        var pixels = new byte[64 * 64];
        new Random(1).NextBytes(pixels); // incompressible, so the cut lands inside the pixels
        var gzip = Gzip(IdxImages([pixels], 64, 64));
        var path = _files.Write("images.gz", gzip[..(gzip.Length / 2)]);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated: expected 4,112 bytes", error.Message);
        Assert.Contains("the gzip file may be cut off", error.Message);
    }
}
