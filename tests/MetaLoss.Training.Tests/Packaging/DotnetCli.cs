using System.Diagnostics;

namespace MetaLoss.Training.Tests.Packaging;

/// <summary>The `dotnet` command as a child process, as a user would run it in a shell.</summary>
public static class DotnetCli
{
    /// <summary>Runs `dotnet ARGS` in <paramref name="directory"/>; returns the exit code and everything printed.</summary>
    public static (int Code, string Output) Run(string directory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish within {timeout}");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
