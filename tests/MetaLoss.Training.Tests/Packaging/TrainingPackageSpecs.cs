using System.IO.Compression;
using System.Reflection;
using MetaLoss.Training.Mkl;
using MetaLoss.Training.Tests.Interop;
using Xunit.Abstractions;

namespace MetaLoss.Training.Tests.Packaging;

/// <summary>
/// The MetaLoss.Training NuGet package as a user gets it: packed from src/Training into a folder, then
/// referenced from a fresh project outside the repository (no Directory.Build.props, no project
/// reference) that builds and runs the README's TorchSharp snippet.
/// </summary>
public class TrainingPackageSpecs(ITestOutputHelper log)
{
    private const string PackageId = "MetaLoss.Training";
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(3);
    private const string OverrideInOutput = $"runtimes/linux-x64/native/{MklFastPath.OverrideFileName}";

    /// <summary>The configuration these tests were built in, whose src/Training output is packed (no second build).</summary>
    private static readonly string Configuration =
        typeof(TrainingPackageSpecs).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    [Fact]
    public void Should_pack_the_library_with_readme_licence_the_debian_torchsharp_fix_and_the_mkl_override()
    {
        using var scratch = new ScratchDirectory("package-contents");
        var package = Pack(scratch.File("feed"));

        using var archive = ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains($"lib/net10.0/{PackageId}.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains($"buildTransitive/{PackageId}.targets", entries);
        Assert.Contains("buildTransitive/MarkElfVersionWeak.cs", entries);
        Assert.Contains(OverrideInOutput, entries);
        using var nuspec = new StreamReader(archive.GetEntry($"{PackageId}.nuspec")!.Open());
        var metadata = nuspec.ReadToEnd();
        Assert.Contains("<readme>README.md</readme>", metadata);
        Assert.Contains("<license type=\"expression\">", metadata);
        Assert.Contains("<dependency id=\"TorchSharp-cpu\"", metadata);
    }

    [Fact]
    public void Should_run_the_readmes_torchsharp_example_from_a_package_reference()
    {
        using var scratch = new ScratchDirectory("package-consumer");
        var learnedLoss = InteropMlns.Save(scratch.Path, InteropMlns.WarmStartedWithProgress);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var feed = scratch.File("feed");
        var package = Pack(feed);
        var version = Path.GetFileNameWithoutExtension(package)[(PackageId.Length + 1)..];

        var app = scratch.File("app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "app.csproj"), ConsumerProject(version));
        File.WriteAllText(Path.Combine(app, "nuget.config"), NuGetConfig(feed, scratch.File("packages")));
        File.WriteAllText(Path.Combine(app, "Program.cs"), ReadmeSection.CodeBlock(ReadmeSection.UsingALearnedLoss, "csharp"));
        File.Move(learnedLoss, Path.Combine(app, "learned-loss.json"));

        // No build servers left behind by a test: no MSBuild node reuse, no shared compiler.
        var (built, buildOutput) = DotnetCli.Run(app, Slow, "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(built == 0, buildOutput);
        // MKL's fast path reaches the user's program: the package's override lands beside its TorchSharp.
        Assert.True(File.Exists(Path.Combine(app, "bin", "Debug", "net10.0", OverrideInOutput)), buildOutput);
        var (ran, output) = DotnetCli.Run(app, Slow, Path.Combine("bin", "Debug", "net10.0", "app.dll"));
        log.WriteLine($"{output}pack, restore, build and run: {clock.Elapsed.TotalSeconds:F0} s");

        Assert.True(ran == 0, output);
        Assert.Matches(@"step 10: loss -?\d+\.\d{3}\nstep 20: loss -?\d+\.\d{3}\n", output);
        Assert.InRange(ReadmeSnippetSpecs.TrainingAccuracy(output), 0.8, 1.0);
    }

    /// <summary>`dotnet pack` of src/Training's existing build output into <paramref name="feed"/>; returns the .nupkg.</summary>
    private static string Pack(string feed)
    {
        var project = Path.Combine(TestData.RepoRoot, "src", "Training", $"{PackageId}.csproj");
        var (code, output) = DotnetCli.Run(TestData.RepoRoot, Slow, "pack", project, "-c", Configuration, "--no-build", "-o", feed, "-nologo");
        Assert.True(code == 0, output);
        return Assert.Single(Directory.GetFiles(feed, $"{PackageId}.*.nupkg"));
    }

    private static string ConsumerProject(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{PackageId}" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>
    /// The folder feed plus nuget.org, as a user sets it up. Unlike a user's, the global packages folder
    /// is the test's own, so that a package packed by an earlier run is never taken from the cache
    /// instead of this one; TorchSharp and libtorch come read-only from the machine's cache (a
    /// fallback folder), so nothing is downloaded or copied into it.
    /// </summary>
    private static string NuGetConfig(string feed, string packages)
    {
        var machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                           ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """;
    }
}
