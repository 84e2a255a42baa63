namespace MetaLoss.Host.Tests;

/// <summary>
/// The one folder under the system's temp folder that holds every run directory a test process
/// makes. It is deleted when the process exits: a full test run makes about 250 run directories,
/// and a developer who runs the tests often would otherwise fill /tmp.
/// </summary>
public static class ScratchRoot
{
    public static string Path { get; } = Create();

    private static string Create()
    {
        var root = Directory.CreateTempSubdirectory("metaloss-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(root);
        return root;
    }

    private static void Delete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A process a spec started may still be writing; what is left is only temp files.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: leaving the folder behind is harmless, failing the test process is not.
        }
    }
}
