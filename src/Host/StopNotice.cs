namespace MetaLoss.Host;

/// <summary>
/// The one line a stopped command ends with. A command that stops says how to go on; if it is then
/// cut off while it tidies up (System.CommandLine ends the process 2 s after Ctrl+C or SIGTERM, and
/// an episode group in flight may take longer), Program must not add a second, bare "Stopped.".
/// </summary>
public static class StopNotice
{
    private static int _said;

    /// <summary>Writes <paramref name="line"/> to stderr unless a stop was already announced.</summary>
    public static void Say(string line)
    {
        if (Interlocked.Exchange(ref _said, 1) == 0) Console.Error.WriteLine(line);
    }
}
