using MetaLoss.Training.Data;

namespace MetaLoss.Training.Tests;

/// <summary>Where the real datasets are, for tests that read them.</summary>
public static class TestData
{
    private const string SolutionFile = "MetaLoss.sln";

    /// <summary>The directory holding MetaLoss.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared CIFAR-10 test batch (test_batch.bin.gz) beside the repository.</summary>
    public static string Cifar10Directory { get; } =
        Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "cifar-10"));

    /// <summary>Where Debian's dataset-fashion-mnist package installs the IDX files (CI installs it too).</summary>
    public static string FashionMnistDirectory => DataLocations.DefaultFashionMnistDirectory;

    /// <summary>One catalog of the real datasets for the whole test run: each split loads once.</summary>
    public static DatasetCatalog Catalog { get; } =
        new(new DataLocations(FashionMnistDirectory: null, Cifar10Directory: Cifar10Directory));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }
}
