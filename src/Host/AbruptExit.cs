using System.Runtime.InteropServices;

namespace MetaLoss.Host;

/// <summary>
/// Ends a process whose command was cut off while work still runs on other threads (an episode group
/// inside libtorch): a normal exit tears down native state (libtorch's and MKL's static destructors,
/// most likely) under that thread, and 5 of 20 such exits crashed with SIGSEGV (exit 139), not 130.
/// It ends the way kill does,
/// after the managed exit handlers that tidy up (a run folder never started, the terminal's bar):
/// the journal holds every result already, and episodes in flight are redone on resume.
/// </summary>
public static class AbruptExit
{
    /// <summary>At process exit, once the handlers registered before this have run: end with <paramref name="code"/> at once.</summary>
    public static void AfterTidying(int code)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Console.Out.Flush();
            Console.Error.Flush();
            Exit(code);
        };
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void Exit(int status);
}
