using System.Runtime.InteropServices;
using System.Text;

namespace MetaLoss.Training;

/// <summary>
/// Replaces a file so that a reader, or the file after a crash or power loss, sees either the old
/// content or the new, never a torn mix: the new content goes to a temporary file in the same
/// directory, is flushed to the disk, renamed over the target, and the directory entry is flushed too.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    public static void WriteAllBytes(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        // Unique, so two writers of the same file never share a temporary one.
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        FileStream created;
        try
        {
            created = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file's name is ours, not the caller's: say which folder refused a new file.
            var why = e is UnauthorizedAccessException ? " (permission denied)" : "";
            throw new IOException($"cannot create a new file in the folder {directory}{why}", e);
        }
        try
        {
            using (var stream = created)
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        FlushDirectory(directory);
    }

    /// <summary>The rename lives in the directory: on POSIX systems it is durable only once the directory is flushed.</summary>
    private static void FlushDirectory(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) return; // The content is safe already; a directory we may not open is only less durable.
        try
        {
            Fsync(fd);
        }
        finally
        {
            Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
