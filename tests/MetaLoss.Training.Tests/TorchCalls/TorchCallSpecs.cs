namespace MetaLoss.Training.Tests.TorchCalls;

/// <summary>
/// A static guard beside ScalarLifetimeSpecs: that spec catches a temporary Scalar only when a
/// collection happens to hit it, this one catches every call shape that makes one, on every run.
/// </summary>
public class TorchCallSpecs
{
    private static readonly string[] Excluded = ["MetaLoss.Training", "MetaLoss.Training.Tests"];

    private static IEnumerable<(string Path, string Text)> TrainingSources()
    {
        var root = Path.Combine(TestData.RepoRoot, "src", "Training");
        var build = new[] { Path.Combine(root, "bin") + Path.DirectorySeparatorChar, Path.Combine(root, "obj") + Path.DirectorySeparatorChar };
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !build.Any(path.StartsWith))
            .Select(path => (Path.GetRelativePath(TestData.RepoRoot, path), File.ReadAllText(path)));
    }

    [Fact]
    public void Should_find_no_call_in_the_training_library_that_can_pass_libtorch_a_temporary_scalar()
    {
        var findings = TorchCallScanner.Findings(TrainingSources(), ReviewedTorchMembers.All, Excluded);
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Fact]
    public void Should_find_each_shape_of_call_that_makes_a_temporary_scalar()
    {
        const string dangerous = """
            using TorchSharp;
            using static TorchSharp.torch;
            static class Dangerous
            {
                static void Calls(Tensor x, Tensor y, double lr, TorchSharp.Modules.Parameter p)
                {
                    x.add_(y);
                    x.mul_(lr);
                    x.add_(y, -lr);
                    x.square();
                    x.mul_(lr.ToScalar());
                    x = x + y;
                    x = x * 2.0;
                    optim.Adam([p], lr);
                }
            }
            """;
        var findings = TorchCallScanner.Findings([("Dangerous.cs", dangerous)], ReviewedTorchMembers.All, Excluded);
        foreach (var line in new[] { 7, 8, 9, 10, 11, 12, 13, 14 })
            Assert.Contains(findings, f => f.StartsWith($"Dangerous.cs:{line}:"));
    }
}
