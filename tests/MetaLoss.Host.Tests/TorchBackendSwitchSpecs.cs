using System.Diagnostics;

namespace MetaLoss.Host.Tests;

/// <summary>
/// The GPU build switch, checked at MSBuild evaluation: TorchSharp-cuda-linux cannot be restored
/// here, but which package the switch selects, and the refusal of an unknown backend, can be.
/// </summary>
public class TorchBackendSwitchSpecs
{
    private static readonly string TrainingProject = Path.Combine(RepoRoot(), "src", "Training", "MetaLoss.Training.csproj");

    [Theory]
    [InlineData(null, "TorchSharp-cpu", "TorchSharp-cuda-linux")]
    [InlineData("cuda", "TorchSharp-cuda-linux", "TorchSharp-cpu")]
    public void Should_reference_the_torch_package_of_the_chosen_backend(string? backend, string expected, string absent)
    {
        var (code, output) = DotnetMsbuild("-getItem:PackageReference", backend is null ? null : $"-p:TorchBackend={backend}");
        Assert.True(code == 0, output);
        Assert.Contains($"\"Identity\": \"{expected}\"", output);
        Assert.DoesNotContain($"\"Identity\": \"{absent}\"", output);
    }

    [Fact]
    public void Should_refuse_an_unknown_backend_with_a_clear_message()
    {
        var (code, output) = DotnetMsbuild("-t:CheckTorchBackend", "-p:TorchBackend=rocm");
        Assert.NotEqual(0, code);
        Assert.Contains("TorchBackend must be cpu or cuda, got 'rocm'", output);
    }

    private static (int Code, string Output) DotnetMsbuild(params string?[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("msbuild");
        info.ArgumentList.Add(TrainingProject);
        info.ArgumentList.Add("-nologo");
        foreach (var arg in args.OfType<string>()) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MetaLoss.sln"))) return dir.FullName;
        throw new InvalidOperationException("no MetaLoss.sln above the test binaries");
    }
}
