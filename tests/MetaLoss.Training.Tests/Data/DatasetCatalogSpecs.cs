using MetaLoss.Training.Data;
using static MetaLoss.Training.Tests.Data.SyntheticDataFiles;

namespace MetaLoss.Training.Tests.Data;

public sealed class DatasetCatalogSpecs : IDisposable
{
    private readonly SyntheticDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Should_load_fashion_mnist_split_from_the_configured_directory()
    {
        WriteFashionMnistTest(labels: [2, 5, 5]);
        using var catalog = new DatasetCatalog(new DataLocations(FashionMnistDirectory: _files.Directory));

        var data = catalog.Get(DatasetName.FashionMnistTest);

        Assert.Equal("fashion-mnist-test", data.Name);
        Assert.Equal(new[] { 2, 5, 5 }, data.Labels);
        Assert.Equal(4, data.FeatureCount);
    }

    [Fact]
    public void Should_load_cifar10_train_from_all_five_batches()
    {
        for (var b = 1; b <= 5; b++)
            _files.Write($"data_batch_{b}.bin.gz", Gzip(CifarBatch((byte)b)));
        using var catalog = new DatasetCatalog(new DataLocations(Cifar10Directory: _files.Directory));

        var data = catalog.Get(DatasetName.Cifar10Train);

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, data.Labels);
    }

    [Fact]
    public void Should_give_every_concurrent_caller_the_same_instance()
    {
        WriteFashionMnistTest(labels: [1]);
        using var catalog = new DatasetCatalog(new DataLocations(FashionMnistDirectory: _files.Directory));
        using var start = new Barrier(8);
        var loaded = new ImageDataset[8];
        // Dedicated threads, released together, so the first requests really overlap.
        var threads = Enumerable.Range(0, loaded.Length)
            .Select(i => new Thread(() => { start.SignalAndWait(); loaded[i] = catalog.Get(DatasetName.FashionMnistTest); }))
            .ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        Assert.Single(loaded.Distinct());
        Assert.Same(loaded[0], catalog.Get(DatasetName.FashionMnistTest));
    }

    [Fact]
    public void Should_keep_a_dataset_first_requested_inside_a_dispose_scope()
    {
        WriteFashionMnistTest(labels: [1, 2]);
        using var catalog = new DatasetCatalog(new DataLocations(FashionMnistDirectory: _files.Directory));

        ImageDataset data;
        using (TorchSharp.torch.NewDisposeScope())
            data = catalog.Get(DatasetName.FashionMnistTest);

        Assert.False(data.Pixels.IsInvalid);
        Assert.Equal(2, data.Pixels.shape[0]);
    }

    [Fact]
    public void Should_retry_a_failed_load_on_the_next_request()
    {
        using var catalog = new DatasetCatalog(new DataLocations(FashionMnistDirectory: _files.Directory));
        Assert.Throws<DataFileException>(() => catalog.Get(DatasetName.FashionMnistTest));

        WriteFashionMnistTest(labels: [7]);

        Assert.Equal(new[] { 7 }, catalog.Get(DatasetName.FashionMnistTest).Labels);
    }

    [Fact]
    public void Should_dispose_loaded_datasets_and_refuse_requests_after_dispose()
    {
        WriteFashionMnistTest(labels: [1]);
        var catalog = new DatasetCatalog(new DataLocations(FashionMnistDirectory: _files.Directory));
        var data = catalog.Get(DatasetName.FashionMnistTest);

        catalog.Dispose();

        Assert.True(data.Pixels.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => catalog.Get(DatasetName.FashionMnistTest));
    }

    [Fact]
    public void Should_make_both_meta_training_parts_from_the_train_split_it_decoded_once()
    {
        // Two more than the held-out tail, so both parts have rows.
        var labels = Enumerable.Range(0, DatasetLoader.MetaValidationImages + 2).Select(i => (byte)(i % 10)).ToArray();
        var images = labels.Select((l, i) => new byte[] { l, (byte)i, (byte)(i >> 8), 255 }).ToArray();
        _files.Write("train-images-idx3-ubyte.gz", Gzip(IdxImages(images, 2, 2)));
        _files.Write("train-labels-idx1-ubyte", IdxLabels(labels));
        var locations = new DataLocations(FashionMnistDirectory: _files.Directory);
        using var alone = DatasetLoader.Load(DatasetName.FashionMnistMetaValidation, locations);
        using var catalog = new DatasetCatalog(locations);
        var metaTrain = catalog.Get(DatasetName.FashionMnistMetaTrain);

        // Gone from disk: the second part can only come from the split the catalog already holds.
        File.Delete(_files.PathOf("train-images-idx3-ubyte.gz"));
        var metaValidation = catalog.Get(DatasetName.FashionMnistMetaValidation);

        Assert.Equal(2, metaTrain.Count);
        Assert.Equal(alone.Labels, metaValidation.Labels);
        Assert.Equal(alone.Pixels.data<byte>().ToArray(), metaValidation.Pixels.data<byte>().ToArray());
    }

    private void WriteFashionMnistTest(byte[] labels)
    {
        var images = labels.Select(l => new byte[] { l, 0, 0, 255 }).ToArray();
        _files.Write("t10k-images-idx3-ubyte.gz", Gzip(IdxImages(images, 2, 2)));
        _files.Write("t10k-labels-idx1-ubyte", IdxLabels(labels));
    }
}
