using MetaLoss.Training.Data;

namespace MetaLoss.Training.Tests.Data;

/// <summary>The real files: FashionMNIST from the Debian package, the CIFAR-10 test batch from the shared data folder.</summary>
public sealed class RealDatasetSpecs
{
    [Fact]
    public void Should_read_fashion_mnist_train_with_6000_rows_per_class()
    {
        using var data = DatasetLoader.Load(DatasetName.FashionMnistTrain, new DataLocations(TestData.FashionMnistDirectory));

        Assert.Equal((60_000, 784, 10), (data.Count, data.FeatureCount, data.ClassCount));
        Assert.All(CountPerClass(data), count => Assert.Equal(6_000, count));
    }

    [Fact]
    public void Should_read_fashion_mnist_test_with_10000_rows()
    {
        using var data = DatasetLoader.Load(DatasetName.FashionMnistTest, new DataLocations(TestData.FashionMnistDirectory));

        Assert.Equal((10_000, 784, 10), (data.Count, data.FeatureCount, data.ClassCount));
        Assert.All(CountPerClass(data), count => Assert.Equal(1_000, count));
    }

    [Fact]
    public void Should_split_fashion_mnist_train_into_disjoint_meta_train_and_meta_validation_parts()
    {
        var locations = new DataLocations(TestData.FashionMnistDirectory);
        using var whole = DatasetLoader.Load(DatasetName.FashionMnistTrain, locations);
        using var metaTrain = DatasetLoader.Load(DatasetName.FashionMnistMetaTrain, locations);
        using var metaValidation = DatasetLoader.Load(DatasetName.FashionMnistMetaValidation, locations);

        Assert.Equal((50_000, 10_000), (metaTrain.Count, metaValidation.Count));
        Assert.Equal(whole.Labels, metaTrain.Labels.Concat(metaValidation.Labels));
        Assert.True(whole.Pixels.narrow(0, 50_000, 10_000).eq(metaValidation.Pixels).all().item<bool>());
        Assert.True(whole.Pixels.narrow(0, 0, 50_000).eq(metaTrain.Pixels).all().item<bool>());
        // Every class has room for an episode's 20 training and 200 validation images.
        Assert.All(CountPerClass(metaValidation), count => Assert.InRange(count, 220, 10_000));
        Assert.Equal("fashion-mnist-meta-validation", metaValidation.Name);
    }

    [Fact]
    public void Should_read_cifar10_test_batch_in_original_order()
    {
        using var data = DatasetLoader.Load(DatasetName.Cifar10Test, new DataLocations(Cifar10Directory: TestData.Cifar10Directory));

        Assert.Equal((10_000, 3072, 10), (data.Count, data.FeatureCount, data.ClassCount));
        Assert.Equal(new[] { 3, 8, 8, 0, 6, 6, 1, 6, 3, 1, 0, 9, 5, 7, 9, 8, 5, 7, 8, 6 }, data.Labels.Take(20));
        Assert.All(CountPerClass(data), count => Assert.Equal(1_000, count));
    }

    private static int[] CountPerClass(ImageDataset data)
    {
        var counts = new int[data.ClassCount];
        foreach (var label in data.Labels)
            counts[label]++;
        return counts;
    }
}
