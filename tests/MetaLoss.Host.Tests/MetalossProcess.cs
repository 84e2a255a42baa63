using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MetaLoss.Host.Tests;

/// <summary>The real `metaloss` program as a child process, with its output lines collected.</summary>
public sealed class MetalossProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _all = new();
    private readonly Thread[] _readers;

    private MetalossProcess(Process process)
    {
        _process = process;
        // Threads of their own, not the thread pool's callbacks: a test host whose pool is busy
        // with blocking specs would otherwise hear of a line seconds after it was printed.
        _readers = [Reader(process.StandardOutput), Reader(process.StandardError)];
    }

    public static string Program => Path.Combine(AppContext.BaseDirectory, "metaloss.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join("\n", _all);

    public static MetalossProcess Start(params string[] args) => Start(new Dictionary<string, string?>(), args);

    /// <summary>Started with these environment variables set (a null value removes one).</summary>
    public static MetalossProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Program);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return new MetalossProcess(Process.Start(info)!);
    }

    /// <summary>Runs to the end and returns the exit code and everything printed.</summary>
    public static (int ExitCode, string Output) Run(TimeSpan timeout, params string[] args) =>
        Run(timeout, new Dictionary<string, string?>(), args);

    public static (int ExitCode, string Output) Run(TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var code = process.WaitForExit(timeout);
        return (code, process.Output);
    }

    /// <summary>Waits for a line containing <paramref name="text"/>; false if the process ended first.</summary>
    public bool WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.TryTake(out var line, TimeSpan.FromMilliseconds(100)))
            {
                if (line.Contains(text)) return true;
            }
            else if (_process.HasExited)
            {
                // HasExited can turn true before the last lines were read.
                JoinReaders();
                if (_lines.Count > 0) continue;
                Collect($"[metaloss exited with code {_process.ExitCode} before printing '{text}']");
                return false;
            }
        }
        throw new TimeoutException($"no line with '{text}' within {timeout}; output so far:\n{Output}");
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"metaloss did not finish within {timeout}; output:\n{Output}");
        }
        JoinReaders();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hook, no flush; what the journal has is all that survives.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// SIGINT, as Ctrl+C in a terminal. A test host started in the background of a non-interactive
    /// shell inherits SIGINT as ignored, and so does the child; then SIGTERM, which cancels the
    /// command the same way, stands in for it.
    /// </summary>
    public void Interrupt()
    {
        var signal = SigIntIgnored() ? 15 : 2;
        if (Kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill -{signal} {_process.Id} failed");
    }

    private static bool SigIntIgnored()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:"));
        var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        return (mask & (1UL << (2 - 1))) != 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private Thread Reader(StreamReader stream)
    {
        var thread = new Thread(() =>
        {
            while (stream.ReadLine() is { } line) Collect(line);
        }) { IsBackground = true, Name = "metaloss output" };
        thread.Start();
        return thread;
    }

    private void JoinReaders()
    {
        _process.WaitForExit();
        foreach (var reader in _readers) reader.Join();
    }

    private void Collect(string line)
    {
        _all.Enqueue(line);
        _lines.Add(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
