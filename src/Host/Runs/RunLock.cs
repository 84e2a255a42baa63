using System.Runtime.InteropServices;
using System.Text;

namespace MetaLoss.Host.Runs;

/// <summary>
/// One `evolve` per run directory: an exclusive lock on a file in it, held open for the process's
/// lifetime and holding its PID. The lock is the kernel's (.NET takes flock for FileShare.None), so
/// it dies with the process: a killed evolve leaves a file, never a lock.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _file;

    private RunLock(FileStream file) => _file = file;

    public static RunLock Take(RunDirectory directory)
    {
        var path = directory.LockFile;
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new ArgumentException($"--run {directory.Path}: another metaloss (PID {HolderPid(path) ?? "unknown"}) is evolving this run; " +
                                        $"stop it first, or watch it with `metaloss status --run {directory.Path}`");
        }
        file.SetLength(0);
        file.Write(Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
        file.Flush(flushToDisk: true);
        return new RunLock(file);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>
    /// The PID the holder wrote. Read with plain open/read: any .NET FileStream on the file asks for a
    /// shared flock, which the holder's exclusive one refuses.
    /// </summary>
    private static string? HolderPid(string path)
    {
        var fd = Open(path, 0);
        if (fd < 0) return null;
        try
        {
            var buffer = new byte[32];
            var count = Read(fd, buffer, buffer.Length);
            var text = count > 0 ? Encoding.ASCII.GetString(buffer, 0, (int)count).Trim() : "";
            return int.TryParse(text, out var pid) ? pid.ToString() : null;
        }
        finally
        {
            Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
