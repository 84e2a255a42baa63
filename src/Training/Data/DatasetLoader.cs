namespace MetaLoss.Training.Data;

/// <summary>Turns a <see cref="DatasetName"/> into the files it is stored in, and reads them.</summary>
public static class DatasetLoader
{
    public const int FashionMnistClassCount = 10;

    public static ImageDataset Load(DatasetName name, DataLocations locations) => name switch
    {
        DatasetName.FashionMnistTrain => FashionMnist(name, locations, "train"),
        DatasetName.FashionMnistTest => FashionMnist(name, locations, "t10k"),
        DatasetName.Cifar10Train => Cifar10(name, locations, Cifar10Reader.TrainBatchFiles),
        DatasetName.Cifar10Test => Cifar10(name, locations, [Cifar10Reader.TestBatchFile]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a known dataset"),
    };

    private static ImageDataset FashionMnist(DatasetName name, DataLocations locations, string prefix) =>
        IdxReader.ReadDataset(
            DatasetNames.Format(name),
            locations.FashionMnistFilePath($"{prefix}-images-idx3-ubyte"),
            locations.FashionMnistFilePath($"{prefix}-labels-idx1-ubyte"),
            FashionMnistClassCount);

    private static ImageDataset Cifar10(DatasetName name, DataLocations locations, IReadOnlyList<string> batchFiles) =>
        Cifar10Reader.Read(DatasetNames.Format(name), [.. batchFiles.Select(locations.Cifar10FilePath)]);
}
