using System.IO.Compression;
using MetaLoss.Training.Data;

namespace MetaLoss.Training.Tests.Data;

/// <summary>
/// The transformed FashionMNIST sources: made from the meta-training part alone, row by row, the same
/// bytes every time. They are what evolution trains on, so they must hold no test or meta-validation image.
/// </summary>
public sealed class TransformedSourceSpecs : IDisposable
{
    private static readonly DatasetName[] Transformed =
        [DatasetName.FashionMnistRotated, DatasetName.FashionMnistInverted, DatasetName.FashionMnistNoisy, DatasetName.FashionMnistCropped];

    private readonly SyntheticDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    // Pinned: a change to a transform changes every run that uses it, so it must be a deliberate one.
    [Theory]
    [InlineData(DatasetName.FashionMnistRotated, "5c8a11fac46e8a13a689d6e4514a0b4f638a7bc83f1ac3663f14c7f2b8751bac")]
    [InlineData(DatasetName.FashionMnistInverted, "b93e90d130428caec197f06f850e9594a2a004b5fd399e285d629ca50fcd49fa")]
    [InlineData(DatasetName.FashionMnistNoisy, "9fc6186acdf5fc08e99d64742e984af783b4578cd484e2acdee6a4da77b480a5")]
    [InlineData(DatasetName.FashionMnistCropped, "7e67edfdd36f58dc15174b10dab48ce0c9bb881a6bfbddd0425b62b4feac4e82")]
    public void Should_make_the_same_bytes_every_time(DatasetName name, string sha256)
    {
        using var again = DatasetLoader.Load(name, new DataLocations(TestData.FashionMnistDirectory));

        Assert.Equal(TestData.Catalog.Fingerprint(name), DatasetFingerprint.Of(name, again));
        Assert.Equal(sha256, DatasetFingerprint.Of(name, again).Sha256);
    }

    [Fact]
    public void Should_transform_each_meta_training_row_in_place_keeping_its_label()
    {
        var metaTrain = TestData.Catalog.Get(DatasetName.FashionMnistMetaTrain);
        foreach (var name in Transformed)
        {
            var data = TestData.Catalog.Get(name);
            Assert.Equal((metaTrain.Count, metaTrain.FeatureCount, metaTrain.ClassCount), (data.Count, data.FeatureCount, data.ClassCount));
            Assert.Equal(metaTrain.Labels, data.Labels);
            // A domain shift: most images change.
            var changed = data.Pixels.ne(metaTrain.Pixels).any(1).sum().item<long>();
            Assert.True(changed > metaTrain.Count * 9 / 10, $"{name}: only {changed} of {metaTrain.Count} images changed");
        }
        var inverted = TestData.Catalog.Get(DatasetName.FashionMnistInverted);
        Assert.True(inverted.Pixels.to_type(TorchSharp.torch.ScalarType.Int32).add(metaTrain.Pixels.to_type(TorchSharp.torch.ScalarType.Int32)).eq(255).all().item<bool>());
    }

    /// <summary>
    /// The proof: with every meta-validation image of the train file replaced and no test files at
    /// all, each transformed source comes out byte for byte the same. It reads neither.
    /// </summary>
    [Fact]
    public void Should_read_no_test_or_meta_validation_image()
    {
        var images = Inflate("train-images-idx3-ubyte.gz");
        const int header = 16;
        var metaValidationStart = header + (60_000 - DatasetLoader.MetaValidationImages) * 784;
        for (var i = metaValidationStart; i < images.Length; i++) images[i] = (byte)(255 - images[i]);
        _files.Write("train-images-idx3-ubyte", images);
        _files.Write("train-labels-idx1-ubyte", Inflate("train-labels-idx1-ubyte.gz"));
        using var altered = new DatasetCatalog(new DataLocations(FashionMnistDirectory: _files.Directory));

        Assert.NotEqual(TestData.Catalog.Fingerprint(DatasetName.FashionMnistMetaValidation), altered.Fingerprint(DatasetName.FashionMnistMetaValidation));
        Assert.Throws<DataFileException>(() => altered.Get(DatasetName.FashionMnistTest));
        foreach (var name in Transformed)
            Assert.Equal(TestData.Catalog.Fingerprint(name), altered.Fingerprint(name));
    }

    [Fact]
    public void Should_name_only_meta_training_parts_and_generated_images_as_meta_training_sources()
    {
        Assert.Equal(
            [DatasetName.FashionMnistMetaTrain, DatasetName.TeacherImages, DatasetName.GaussianMixtureImages, .. Transformed],
            DatasetSplits.MetaTrainingSources);
        Assert.DoesNotContain(DatasetName.FashionMnistTest, DatasetSplits.MetaTrainingSources);
        Assert.DoesNotContain(DatasetName.FashionMnistMetaValidation, DatasetSplits.MetaTrainingSources);
        Assert.DoesNotContain(DatasetName.FashionMnistTrain, DatasetSplits.MetaTrainingSources);
    }

    private static byte[] Inflate(string fileName)
    {
        using var file = File.OpenRead(Path.Combine(TestData.FashionMnistDirectory, fileName));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }
}
