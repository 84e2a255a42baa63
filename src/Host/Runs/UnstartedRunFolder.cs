namespace MetaLoss.Host.Runs;

/// <summary>
/// A run folder `evolve` made for a run that never started (its data missing or unreadable, a failed
/// preflight, Ctrl+C while the data loads): removed on the way out, so a refused command leaves no
/// folder holding only a lock file behind. A folder that existed before, or holds anything besides
/// the lock, is left as it is. It also tidies at process exit: a command cut off after a signal (a
/// data file whose read cannot be interrupted) never reaches its own disposal.
/// </summary>
public sealed class UnstartedRunFolder : IDisposable
{
    private readonly RunDirectory _directory;

    public UnstartedRunFolder(RunDirectory directory)
    {
        _directory = directory;
        if (directory.Created) AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        RemoveIfUnstarted();
    }

    private void OnProcessExit(object? sender, EventArgs e) => RemoveIfUnstarted();

    private void RemoveIfUnstarted()
    {
        if (!_directory.Created) return;
        try
        {
            if (Directory.EnumerateFileSystemEntries(_directory.Path).Any(entry => entry != _directory.LockFile)) return;
            File.Delete(_directory.LockFile);
            Directory.Delete(_directory.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something was written into it meanwhile, or it went: either way it is no longer ours to tidy.
        }
    }
}
