using System.Text.RegularExpressions;
using MetaLoss.Host.Tests.Cluster;

namespace MetaLoss.Host.Tests.Runs;

/// <summary>
/// The data is part of a run's identity: its fingerprints are journaled, a resume with other data is
/// refused, and an evaluator node with other data refuses its first lease and exits; both name the two fingerprints.
/// </summary>
public sealed partial class RunDataSpecs
{
    [Fact]
    public void Should_refuse_to_resume_a_run_with_other_data_naming_both_fingerprints()
    {
        var run = SmallRun.NewDirectory();
        Assert.Equal(0, MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, 1)).ExitCode);
        var journal = Path.Combine(run, "journal.db");
        var before = JournalFiles.Sha256(journal);

        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(run, 7, 1, "--fashion-mnist-dir", OtherData.MakeDirectory()));

        Assert.True(code == 2, output);
        AssertNamesBothFingerprints(output);
        Assert.Equal(before, JournalFiles.Sha256(journal));
    }

    [Fact]
    public void Should_refuse_an_evaluator_node_with_other_data_before_it_runs_an_episode()
    {
        var port = ClusterRun.FreePort();
        using var host = MetalossProcess.Start(ClusterRun.ClusteredEvolve(SmallRun.NewDirectory(), port));
        Assert.True(host.WaitForLine("generation    1/", ClusterRun.Timeout), host.Output);

        using var node = MetalossProcess.Start([.. ClusterRun.Node(port, ClusterRun.FreePort()), "--fashion-mnist-dir", OtherData.MakeDirectory()]);

        Assert.True(node.WaitForExit(ClusterRun.Timeout) == 2, node.Output);
        AssertNamesBothFingerprints(node.Output);
        Assert.DoesNotContain("episodes.", node.Output);
    }

    private static void AssertNamesBothFingerprints(string output)
    {
        var match = Mismatch().Match(output);
        Assert.True(match.Success, output);
        Assert.NotEqual(match.Groups["run"].Value, match.Groups["mine"].Value);
        Assert.DoesNotContain("   at ", output);
    }

    [GeneratedRegex("data fashion-mnist-meta-train: the run's fingerprint is (?<run>[0-9a-f]{64}), this process has (?<mine>[0-9a-f]{64})")]
    private static partial Regex Mismatch();
}
