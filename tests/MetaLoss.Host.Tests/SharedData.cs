namespace MetaLoss.Host.Tests;

/// <summary>The shared CIFAR-10 test batch beside the repository (../shared/data/cifar-10).</summary>
public static class SharedData
{
    public static string Cifar10Directory { get; } = FindCifar10();

    private static string FindCifar10()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MetaLoss.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "cifar-10"));
        }
        throw new InvalidOperationException($"no MetaLoss.sln above {AppContext.BaseDirectory}");
    }
}
