namespace MetaLoss.Training.Data;

/// <summary>Turns a <see cref="DatasetName"/> into the files it is stored in, and reads them.</summary>
public static class DatasetLoader
{
    public const int FashionMnistClassCount = 10;

    /// <summary>
    /// How many of FashionMNIST's 60,000 training images are held out for meta-validation: about
    /// 1,000 a class, enough for an episode's 220 a class, and the rest stays for meta-training.
    /// </summary>
    public const int MetaValidationImages = 10_000;

    public static ImageDataset Load(DatasetName name, DataLocations locations) => Load(name, locations, bases: null);

    /// <summary>
    /// As <see cref="Load(DatasetName, DataLocations)"/>, but a dataset made from another (a part of
    /// FashionMNIST's train split, a transformed source) takes that one from <paramref name="bases"/>,
    /// which keeps it: a catalog decodes the train file once, not once for each of the six made from it.
    /// </summary>
    public static ImageDataset Load(DatasetName name, DataLocations locations, IDatasetSource? bases) => name switch
    {
        DatasetName.FashionMnistTrain => FashionMnist(name, locations, "train"),
        DatasetName.FashionMnistTest => FashionMnist(name, locations, "t10k"),
        DatasetName.Cifar10Train => Cifar10(name, locations, Cifar10Reader.TrainBatchFiles),
        DatasetName.Cifar10Test => Cifar10(name, locations, [Cifar10Reader.TestBatchFile]),
        DatasetName.FashionMnistMetaTrain => FashionMnistTrainPart(name, locations, bases, validation: false),
        DatasetName.FashionMnistMetaValidation => FashionMnistTrainPart(name, locations, bases, validation: true),
        DatasetName.TeacherImages => TeacherImages.Generate(),
        DatasetName.GaussianMixtureImages => GaussianMixtureImages.Generate(),
        _ when DomainTransform.For(name) is { } transform => Transformed(name, transform, locations, bases),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a known dataset"),
    };

    private static ImageDataset FashionMnist(DatasetName name, DataLocations locations, string prefix) =>
        IdxReader.ReadDataset(
            DatasetNames.Format(name),
            locations.FashionMnistFilePath($"{prefix}-images-idx3-ubyte"),
            locations.FashionMnistFilePath($"{prefix}-labels-idx1-ubyte"),
            FashionMnistClassCount);

    /// <summary>A contiguous tail is held out, so the two parts are disjoint by construction (the file is not sorted by class).</summary>
    private static ImageDataset FashionMnistTrainPart(DatasetName name, DataLocations locations, IDatasetSource? bases, bool validation)
    {
        var whole = BaseOf(DatasetName.FashionMnistTrain, locations, bases, out var owned);
        using var _ = owned;
        var trainCount = whole.Count - MetaValidationImages;
        if (trainCount <= 0)
            throw new DataFileException(locations.FashionMnistFilePath("train-images-idx3-ubyte"),
                $"FashionMNIST's train split has {whole.Count} images; holding out {MetaValidationImages} for meta-validation needs more");
        return validation
            ? whole.Slice(DatasetNames.Format(name), trainCount, MetaValidationImages)
            : whole.Slice(DatasetNames.Format(name), 0, trainCount);
    }

    /// <summary>Built from the meta-training part alone: a transformed source cannot see test or meta-validation rows.</summary>
    private static ImageDataset Transformed(DatasetName name, DomainTransform transform, DataLocations locations, IDatasetSource? bases)
    {
        var metaTrain = BaseOf(DatasetName.FashionMnistMetaTrain, locations, bases, out var owned);
        using var _ = owned;
        return TransformedImages.Of(name, transform, metaTrain);
    }

    /// <summary>The dataset another is made from: <paramref name="bases"/>'s, which keeps it, or, without them, one read for this load alone (<paramref name="owned"/>, for the caller to dispose).</summary>
    private static ImageDataset BaseOf(DatasetName name, DataLocations locations, IDatasetSource? bases, out ImageDataset? owned)
    {
        owned = bases is null ? Load(name, locations, bases: null) : null;
        return owned ?? bases!.Get(name);
    }

    private static ImageDataset Cifar10(DatasetName name, DataLocations locations, IReadOnlyList<string> batchFiles) =>
        Cifar10Reader.Read(DatasetNames.Format(name), [.. batchFiles.Select(locations.Cifar10FilePath)]);
}
