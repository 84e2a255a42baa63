namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// A node whose every evaluator fails (here: its data has one class, so no episode can be drawn)
/// exits 4 with the last error, while the `evolve` whose own slot works goes on with the run.
/// </summary>
public sealed class NodeEvaluatorsFailedSpecs
{
    [Fact]
    public void Should_end_a_node_whose_evaluators_all_fail_with_exit_4_while_the_run_goes_on_elsewhere()
    {
        var run = SmallRun.NewDirectory();
        var badData = IdxFiles.FashionMnistTrainSplitOfOneLabel(images: 10_100, label: 0);
        var port = ClusterRun.FreePort();
        string[] evolve =
        [
            "evolve", "--run", run, "--generations", "1000", "--population", $"{SmallRun.Parents}",
            "--episodes-per-candidate", $"{SmallRun.EpisodesPerCandidate}", "--seed", "7", "--devices", "cpu:1", "--port", $"{port}",
            "--per-class", "2", "--validation-size", "60", "--hidden1", "16", "--hidden2", "16", "--steps", "3",
            .. ClusterRun.FastDowning,
        ];
        using var population = MetalossProcess.Start(evolve);
        Assert.True(population.WaitForLine("generation    1/", SmallRun.Timeout), population.Output);

        using var node = MetalossProcess.Start([.. ClusterRun.Node(port, ClusterRun.FreePort()), "--fashion-mnist-dir", badData]);
        var nodeCode = node.WaitForExit(TimeSpan.FromMinutes(2));
        Assert.True(nodeCode == 4, $"node exit {nodeCode}; output:\n{node.Output}");
        Assert.Contains("metaloss: every evaluator failed: episodes on cpu:0 failed: class 1 of fashion-mnist-meta-", node.Output);

        // Its own slot works and other nodes may join: the clustered `evolve` carries on.
        var generationsBefore = population.Output.Split('\n').Count(l => l.StartsWith("generation "));
        Assert.True(population.WaitForLine($"generation {generationsBefore + 2,4}/", SmallRun.Timeout), population.Output);
        population.Interrupt();
        Assert.Equal(130, population.WaitForExit(TimeSpan.FromMinutes(1)));
    }
}
