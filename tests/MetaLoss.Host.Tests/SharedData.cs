namespace MetaLoss.Host.Tests;

/// <summary>The repository the tests run from, and the shared CIFAR-10 test batch beside it (../shared/data/cifar-10).</summary>
public static class SharedData
{
    /// <summary>The directory holding MetaLoss.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryDirectory { get; } = FindRepository();

    public static string Cifar10Directory { get; } = Path.GetFullPath(Path.Combine(RepositoryDirectory, "..", "shared", "data", "cifar-10"));

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MetaLoss.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no MetaLoss.sln above {AppContext.BaseDirectory}");
    }
}
