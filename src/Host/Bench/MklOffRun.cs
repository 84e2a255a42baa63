using System.Diagnostics;
using System.Reflection;
using MetaLoss.Training.Mkl;

namespace MetaLoss.Host.Bench;

/// <summary>
/// The bench again with MKL's fast path off. The override cannot be unloaded from a process, so
/// `metaloss bench` runs itself as a child with METALOSS_MKL_FAST_PATH=off and the same options,
/// minus the parts that do not measure MKL (actor overhead, memory), and relays what it prints.
/// </summary>
public static class MklOffRun
{
    /// <summary>Options the child gets fixed values for when it only measures the ceiling and episodes: auto, 0 and 0.</summary>
    private static readonly string[] ThroughputOnly = ["--mkl", "--overhead-generations", "--memory-episodes"];

    /// <summary>
    /// After this process's ceiling and table, the same with the fast path off: from a child when the
    /// override is loaded here, else nothing to measure again (this run already is without it).
    /// </summary>
    public static int Compare()
    {
        Console.WriteLine();
        if (!MklFastPath.Ensure().OverrideLoaded)
        {
            Console.WriteLine("MKL's fast path off: the same as above (the override is not loaded in this process)");
            return 0;
        }
        Console.WriteLine($"MKL's fast path off: the ceiling and episodes again, in a child process with {MklFastPathSwitches.EnvironmentVariable}=off");
        return Run(throughputOnly: true);
    }

    /// <summary>
    /// This bench in a child with the fast path off (only its ceiling and table when <paramref name="throughputOnly"/>);
    /// the child's exit code. Its output goes to this process's, indented.
    /// </summary>
    public static int Run(bool throughputOnly)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Run as `dotnet metaloss.dll`, the program is the host's argument; run as an apphost, it is the process itself.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        info.ArgumentList.Add("bench");
        var given = Environment.GetCommandLineArgs().SkipWhile(a => a != "bench").Skip(1).ToList();
        foreach (var argument in throughputOnly ? Without(given, ThroughputOnly) : Without(given, ["--mkl"])) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--mkl");
        info.ArgumentList.Add("auto");
        if (throughputOnly)
        {
            foreach (var option in ThroughputOnly.Skip(1))
            {
                info.ArgumentList.Add(option);
                info.ArgumentList.Add("0");
            }
        }
        info.Environment[MklFastPathSwitches.EnvironmentVariable] = MklFastPathSwitches.Format(MklFastPathSwitch.Off);

        using var child = Process.Start(info)!;
        child.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine(Indented(e.Data)); };
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(Indented(e.Data)); };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>The arguments without the named options, in any of their spellings (--name value, --name=value, --name:value).</summary>
    public static IEnumerable<string> Without(IReadOnlyList<string> arguments, IReadOnlyList<string> names)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (names.Contains(argument))
            {
                i++;
                continue;
            }
            if (names.Any(name => argument.StartsWith(name + "=", StringComparison.Ordinal) || argument.StartsWith(name + ":", StringComparison.Ordinal)))
                continue;
            yield return argument;
        }
    }

    private static string Indented(string line) => line.Length == 0 ? line : $"  {line}";
}
