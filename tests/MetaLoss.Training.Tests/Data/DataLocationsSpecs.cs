using MetaLoss.Training.Data;

namespace MetaLoss.Training.Tests.Data;

public sealed class DataLocationsSpecs : IDisposable
{
    private readonly SyntheticDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Should_default_fashion_mnist_to_the_debian_package_directory()
    {
        var locations = new DataLocations();

        Assert.Equal("/usr/share/datasets/fashion-mnist/", locations.EffectiveFashionMnistDirectory);
        Assert.Equal(
            Path.Combine(TestData.FashionMnistDirectory, "train-labels-idx1-ubyte.gz"),
            locations.FashionMnistFilePath("train-labels-idx1-ubyte"));
    }

    [Fact]
    public void Should_prefer_an_explicit_fashion_mnist_directory_over_the_default()
    {
        var raw = _files.Write("train-labels-idx1-ubyte", [0]);

        Assert.Equal(raw, new DataLocations(FashionMnistDirectory: _files.Directory).FashionMnistFilePath("train-labels-idx1-ubyte"));
    }

    [Fact]
    public void Should_accept_gz_name_and_prefer_raw_when_both_exist()
    {
        var locations = new DataLocations(Cifar10Directory: _files.Directory);
        var gzip = _files.Write("test_batch.bin.gz", [0]);
        Assert.Equal(gzip, locations.Cifar10FilePath("test_batch.bin"));

        var raw = _files.Write("test_batch.bin", [0]);
        Assert.Equal(raw, locations.Cifar10FilePath("test_batch.bin"));
    }

    [Fact]
    public void Should_explain_how_to_install_fashion_mnist_when_missing()
    {
        var locations = new DataLocations(FashionMnistDirectory: _files.Directory);

        var error = Assert.Throws<DataFileException>(() => locations.FashionMnistFilePath("t10k-images-idx3-ubyte"));

        Assert.Equal(Path.Combine(_files.Directory, "t10k-images-idx3-ubyte"), error.FilePath);
        Assert.Contains("t10k-images-idx3-ubyte.gz", error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
        Assert.Contains("data directory", error.Message);
    }

    [Fact]
    public void Should_ask_for_a_cifar10_batches_folder_when_none_is_configured()
    {
        var error = Assert.Throws<DataFileException>(() => new DataLocations().Cifar10FilePath("test_batch.bin"));

        Assert.Contains("no CIFAR-10 directory", error.Message);
        Assert.Contains("cifar-10-batches-bin", error.Message);
    }

    [Fact]
    public void Should_name_the_missing_cifar10_batch_and_the_folder_to_use()
    {
        var locations = new DataLocations(Cifar10Directory: _files.Directory);

        var error = Assert.Throws<DataFileException>(() => locations.Cifar10FilePath("data_batch_4.bin"));

        Assert.Equal(Path.Combine(_files.Directory, "data_batch_4.bin"), error.FilePath);
        Assert.Contains("cifar-10-batches-bin", error.Message);
    }
}
