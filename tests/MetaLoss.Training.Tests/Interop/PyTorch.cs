using System.Diagnostics;

namespace MetaLoss.Training.Tests.Interop;

/// <summary>
/// Debian's PyTorch (package python3-torch, which run-tests installs) running a script of this folder
/// with python/metaloss_mln.py importable. Its absence fails the test that needs it, never skips it.
/// </summary>
public static class PyTorch
{
    /// <summary>Debian's interpreter, not whichever python3 is first on PATH: only Debian's has python3-torch.</summary>
    public const string Interpreter = "/usr/bin/python3";

    private static readonly string ScriptDirectory = Path.Combine(TestData.RepoRoot, "tests", "MetaLoss.Training.Tests", "Interop");

    public static string ModuleDirectory { get; } = Path.Combine(TestData.RepoRoot, "python");

    /// <summary>Runs <paramref name="script"/> (a file of this folder) and returns its standard output; fails on a non-zero exit.</summary>
    public static string RunScript(string script, params string[] args) =>
        Run(Path.Combine(ScriptDirectory, script), args);

    /// <summary>Runs a Python file in <paramref name="workingDirectory"/>; fails on a non-zero exit.</summary>
    public static string Run(string scriptPath, string[] args, string? workingDirectory = null)
    {
        Assert.True(File.Exists(Interpreter), $"{Interpreter} is missing: install Debian's python3 and python3-torch (scripts/setup python3-torch)");
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(scriptPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["PYTHONPATH"] = ModuleDirectory;
        // Nothing written into the repository's python/ folder by a test.
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        // One intra-op thread: the test host already keeps both cores busy, and more would only spin.
        info.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(scriptPath)} did not finish within 3 minutes");
        }
        process.WaitForExit();
        var stderr = error.Result;
        Assert.False(stderr.Contains("No module named 'torch'"),
            $"PyTorch is missing from {Interpreter}: install Debian's python3-torch (scripts/setup python3-torch)\n{stderr}");
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(scriptPath)} exited with {process.ExitCode}:\n{stderr}");
        return output.Result;
    }
}
