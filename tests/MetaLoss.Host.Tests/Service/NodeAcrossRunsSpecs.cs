using System.Text.RegularExpressions;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Tests.Cluster;
using Xunit.Abstractions;

namespace MetaLoss.Host.Tests.Service;

/// <summary>
/// A real `metaloss node` process against the run service (wired as `serve` wires it, clustered, with
/// no evaluators of its own): the node serves runs submitted one after the other and stays up
/// between them; one that cannot reach its host says so once and gives up after --join-timeout.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class NodeAcrossRunsSpecs(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Should_serve_two_runs_submitted_one_after_the_other_and_stay_up_until_stopped()
    {
        var port = ClusterRun.FreePort();
        var cluster = new ClusterSettings("127.0.0.1", port, null, [ClusterSettings.PopulationRole, ClusterSettings.EvaluatorRole]);
        await using var service = await ServiceHost.Start(SmallRun.NewDirectory(), slots: "", cluster);
        var first = ServiceRuns.Small(seed: 3, generations: 2);
        await service.Submit("first", first);

        using var node = MetalossProcess.Start(ClusterRun.Node(port, ClusterRun.FreePort()));
        Assert.True(node.WaitForLine("First lease running", Timeout), node.Output);
        var firstLease = FirstLease().Match(node.Output);
        output.WriteLine($"join to first lease: {firstLease.Groups[1].Value} ms");
        await service.WaitFor("first", r => r.State == RunLifecycle.Finished, Timeout);
        Assert.False(node.HasExited, node.Output);

        var second = await service.Submit("second", ServiceRuns.Small(seed: 4, generations: 2));
        var finished = await service.WaitFor("second", r => r.State == RunLifecycle.Finished, Timeout);
        Assert.False(node.HasExited, node.Output);

        node.Interrupt();
        Assert.Equal(130, node.WaitForExit(Timeout));
        var ran = long.Parse(Ran().Match(node.Output).Groups[1].Value);
        // Only the node evaluates: every episode of both runs ran there.
        Assert.True(ran >= (await service.Run("first")).EpisodesCompleted + finished.EpisodesCompleted, node.Output);
        Assert.Equal(second.Id, finished.Id);
    }

    [Fact]
    public void Should_say_once_that_the_host_cannot_be_reached_and_give_up_after_the_join_timeout_with_exit_2()
    {
        var nobody = ClusterRun.FreePort();

        var (code, text) = MetalossProcess.Run(Timeout, "node", "--join", $"127.0.0.1:{nobody}", "--devices", "cpu:1", "--join-timeout", "12s");

        Assert.Equal(2, code);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith($"Cannot reach the cluster at 127.0.0.1:{nobody} yet; waiting for it quietly"));
        Assert.Single(lines, l => l == $"metaloss: could not join the cluster at 127.0.0.1:{nobody} within 12 s: nothing there answered " +
                                       "(is `metaloss serve --port` or `evolve --port` running there, with the same --tls?)");
        Assert.DoesNotContain(lines, l => l.Contains("WARNING") || l.Contains("Exception"));
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("soon")]
    [InlineData("-5m")]
    public void Should_refuse_a_join_timeout_that_is_not_a_positive_duration(string timeout)
    {
        var (code, text) = MetalossProcess.Run(Timeout, "node", "--join", "127.0.0.1:1", "--join-timeout", timeout);

        Assert.Equal(2, code);
        Assert.Contains($"--join-timeout {timeout}: use a positive duration such as 30s, 5m or 1h", text);
    }

    [GeneratedRegex("First lease running (\\d+) ms after this node began to join")]
    private static partial Regex FirstLease();

    [GeneratedRegex("this node ran (\\d+) episodes")]
    private static partial Regex Ran();
}
