using System.Diagnostics;

namespace MetaLoss.Host.Tests;

/// <summary>
/// `./metaloss` builds the host only when scripts/host-build-needed says its last build is out of
/// date. Checked on a scratch tree shaped like the repository, with file times set by hand.
/// </summary>
public sealed class HostBuildNeededSpecs : IDisposable
{
    private static readonly string Script = Path.Combine(SharedData.RepositoryDirectory, "scripts", "host-build-needed");
    private static readonly DateTime Built = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _root = Directory.CreateTempSubdirectory("metaloss-build-needed-").FullName;

    public HostBuildNeededSpecs()
    {
        foreach (var file in new[] { "src/Host/Program.cs", "src/Training/Model.cs", "build/Fix.targets", "hocon/metaloss.conf", "Directory.Build.props" })
            Write(file, Built.AddHours(-1));
    }

    [Fact]
    public void Should_ask_for_a_build_when_there_is_no_build_or_no_stamp()
    {
        Assert.True(Needed());
        Write("src/Host/bin/Release/net10.0/metaloss.dll", Built);
        Assert.True(Needed());
        StampBuild();
        File.Delete(Path.Combine(_root, "src/Host/bin/Release/net10.0/metaloss.dll"));
        Assert.True(Needed());
    }

    [Theory]
    [InlineData("src/Training/Model.cs")]
    [InlineData("build/Fix.targets")]
    [InlineData("hocon/metaloss.conf")]
    [InlineData("Directory.Build.props")]
    [InlineData("src/Actors/NewFile.cs")]
    public void Should_ask_for_a_build_when_an_input_changed_after_the_last_one(string input)
    {
        StampBuild();

        Write(input, Built.AddSeconds(1));

        Assert.True(Needed());
    }

    [Fact]
    public void Should_ask_for_a_build_when_an_input_was_removed()
    {
        StampBuild();

        File.Delete(Path.Combine(_root, "src/Training/Model.cs"));
        Directory.SetLastWriteTimeUtc(Path.Combine(_root, "src/Training"), Built.AddSeconds(1));

        Assert.True(Needed());
    }

    [Fact]
    public void Should_ask_for_a_build_when_the_last_one_was_for_another_backend()
    {
        StampBuild();

        Assert.True(Needed(backend: "cuda"));
        Write("src/Host/obj/metaloss-built.stamp", Built, "cuda\n");
        Assert.False(Needed(backend: "cuda"));
        Assert.True(Needed());
        // A stamp from before stamps named their backend.
        Write("src/Host/obj/metaloss-built.stamp", Built, "");
        Assert.True(Needed());
    }

    [Fact]
    public void Should_not_count_build_outputs_or_files_outside_the_inputs()
    {
        string[] outside = ["src/Training/bin/Release/net10.0/MetaLoss.Training.dll", "src/Host/obj/project.assets.json", "README.md", "runs/first/journal.db"];
        foreach (var file in outside) Write(file, Built);
        StampBuild();

        foreach (var file in outside) Write(file, Built.AddSeconds(1));
        foreach (var folder in new[] { "src/Training/bin/Release/net10.0", "src/Host/obj", "runs/first" })
            Directory.SetLastWriteTimeUtc(Path.Combine(_root, folder), Built.AddSeconds(1));

        Assert.False(Needed());
    }

    private void StampBuild()
    {
        Write("src/Host/bin/Release/net10.0/metaloss.dll", Built);
        Write("src/Host/obj/metaloss-built.stamp", Built, "cpu\n");
        foreach (var folder in Directory.GetDirectories(_root, "*", SearchOption.AllDirectories).Append(_root))
            Directory.SetLastWriteTimeUtc(folder, Built.AddHours(-1));
        Assert.False(Needed());
    }

    private void Write(string relative, DateTime time, string? text = null)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text ?? relative);
        File.SetLastWriteTimeUtc(path, time);
    }

    /// <summary>The script's answer with TorchBackend as given (null: unset, the CPU default).</summary>
    private bool Needed(string? backend = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment.Remove("TorchBackend");
        if (backend is not null) info.Environment["TorchBackend"] = backend;
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add(_root);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 1, $"exit {process.ExitCode}: {error.Result}");
        return process.ExitCode == 0;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
