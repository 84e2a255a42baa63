using System.Diagnostics;

namespace MetaLoss.Host.Tests;

/// <summary>
/// The one folder under the system's temp folder that holds every run directory a test process
/// makes, named with the process's id. A full test run makes about 190 run directories (160 MB), and
/// a developer who runs the tests often would otherwise fill the temp folder. The folder is deleted when the
/// process exits, but the test platform may kill a test process before that finishes, so each
/// test process first deletes the folders of test processes that are no longer running.
/// </summary>
public static class ScratchRoot
{
    /// <summary>Then the owning process's id and a dash.</summary>
    public const string Prefix = "metaloss-tests-";

    public static string Path { get; } = Create();

    private static string Create()
    {
        DeleteLeftovers();
        var root = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(root);
        return root;
    }

    /// <summary>Deletes every scratch folder whose process has ended (a folder of a running process is kept).</summary>
    public static void DeleteLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
            if (OwnerOf(folder) is { } owner && !IsRunning(owner)) Delete(folder);
    }

    private static int? OwnerOf(string folder)
    {
        var name = System.IO.Path.GetFileName(folder)[Prefix.Length..];
        var dash = name.IndexOf('-');
        return dash > 0 && int.TryParse(name[..dash], out var id) ? id : null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Delete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A process a spec started may still be writing; the next test process deletes what is left.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: leaving the folder behind is harmless, failing the test process is not.
        }
    }
}
