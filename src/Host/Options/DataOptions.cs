using System.CommandLine;
using MetaLoss.Training.Data;

namespace MetaLoss.Host.Options;

/// <summary>Where datasets are read from: explicit folders win over Debian's default location.</summary>
public sealed class DataOptions
{
    public Option<DirectoryInfo?> FashionMnist { get; } = new("--fashion-mnist-dir")
    {
        Description = $"folder with FashionMNIST's IDX files (default {DataLocations.DefaultFashionMnistDirectory}, from `apt-get install dataset-fashion-mnist`)",
    };

    public Option<DirectoryInfo?> Cifar10 { get; } = new("--cifar10-dir")
    {
        Description = "folder with CIFAR-10's binary batches (cifar-10-batches-bin; raw or .gz)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(FashionMnist);
        command.Options.Add(Cifar10);
    }

    public DataLocations Read(ParseResult result) =>
        new(result.GetValue(FashionMnist)?.FullName, result.GetValue(Cifar10)?.FullName);
}
