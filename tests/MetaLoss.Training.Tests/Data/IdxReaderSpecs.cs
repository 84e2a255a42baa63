using MetaLoss.Training.Data;
using static MetaLoss.Training.Tests.Data.SyntheticDataFiles;

namespace MetaLoss.Training.Tests.Data;

public sealed class IdxReaderSpecs : IDisposable
{
    private static readonly byte[][] TwoImages = [[0, 1, 2, 3, 4, 5], [250, 251, 252, 253, 254, 255]];

    private readonly SyntheticDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_read_pixels_row_major_with_one_row_per_image(bool gzip)
    {
        var content = IdxImages(TwoImages, rows: 2, cols: 3);
        var path = _files.Write("images", gzip ? Gzip(content) : content);

        using var pixels = IdxReader.ReadImages(path);

        Assert.Equal(new long[] { 2, 6 }, pixels.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Byte, pixels.dtype);
        Assert.Equal(TwoImages.SelectMany(i => i).ToArray(), pixels.data<byte>().ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Should_read_labels_in_file_order(bool gzip)
    {
        var content = IdxLabels(9, 0, 3, 3);
        var path = _files.Write("labels", gzip ? Gzip(content) : content);

        Assert.Equal(new[] { 9, 0, 3, 3 }, IdxReader.ReadLabels(path, classCount: 10));
    }

    [Fact]
    public void Should_pair_images_and_labels_into_a_dataset()
    {
        var images = _files.Write("images.gz", Gzip(IdxImages(TwoImages, 2, 3)));
        var labels = _files.Write("labels", IdxLabels(4, 7));

        using var data = IdxReader.ReadDataset("synthetic", images, labels, classCount: 10);

        Assert.Equal(("synthetic", 2, 6, 10), (data.Name, data.Count, data.FeatureCount, data.ClassCount));
        Assert.Equal(new[] { 4, 7 }, data.Labels);
        using var features = data.Features([1]);
        Assert.Equal(1f, features.data<float>()[5]);
    }

    [Fact]
    public void Should_reject_image_file_with_label_magic_and_print_both_in_hex()
    {
        var path = _files.Write("images", IdxLabels(1, 2, 3));

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains("magic", error.Message);
        Assert.Contains("expected 0x00000803", error.Message);
        Assert.Contains("found 0x00000801", error.Message);
    }

    [Fact]
    public void Should_reject_label_file_with_image_magic()
    {
        var path = _files.Write("labels", IdxImages(TwoImages, 2, 3));

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Contains("expected 0x00000801", error.Message);
        Assert.Contains("found 0x00000803", error.Message);
    }

    [Fact]
    public void Should_reject_truncated_image_file_with_expected_and_actual_bytes()
    {
        var whole = IdxImages(TwoImages, 2, 3);
        var path = _files.Write("images", whole[..^1]);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated", error.Message);
        Assert.Contains("expected 28 bytes", error.Message);
        Assert.Contains("found 27", error.Message);
    }

    [Fact]
    public void Should_reject_image_file_cut_off_inside_its_header()
    {
        var path = _files.Write("images", IdxImages(TwoImages, 2, 3)[..10]);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated: expected 16 bytes, found 10", error.Message);
    }

    [Fact]
    public void Should_reject_truncated_gzipped_label_file()
    {
        var path = _files.Write("labels.gz", Gzip(IdxLabels(1, 2, 3)[..^2]));

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Contains("truncated: expected 11 bytes, found 9", error.Message);
    }

    [Fact]
    public void Should_reject_image_file_longer_than_its_header_declares()
    {
        var path = _files.Write("images", [.. IdxImages(TwoImages, 2, 3), 0]);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("expected 28 bytes", error.Message);
        Assert.Contains("found 29", error.Message);
    }

    [Fact]
    public void Should_reject_header_whose_dimensions_cannot_fit_in_memory()
    {
        var header = IdxImages([], 0, 0);
        header[4] = header[8] = header[12] = 0x7f; // count, rows and cols each near 2^31
        var path = _files.Write("images", header);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Contains("too large", error.Message);
    }

    [Fact]
    public void Should_reject_label_out_of_range_naming_index_and_value()
    {
        var path = _files.Write("labels", IdxLabels(0, 9, 10, 1));

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path, classCount: 10));

        Assert.Contains(path, error.Message);
        Assert.Contains("label 2 is 10", error.Message);
    }

    [Fact]
    public void Should_reject_image_and_label_count_mismatch()
    {
        var images = _files.Write("images", IdxImages(TwoImages, 2, 3));
        var labels = _files.Write("labels", IdxLabels(1, 2, 3));

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadDataset("x", images, labels, 10));

        Assert.Equal(labels, error.FilePath);
        Assert.Contains(images, error.Message);
        Assert.Contains("3 labels but", error.Message);
        Assert.Contains("2 images", error.Message);
    }

    [Fact]
    public void Should_reject_missing_file_naming_it()
    {
        var path = _files.PathOf("absent-images");

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("not found", error.Message);
    }
}
