using MetaLoss.Actors.Messages;
using MetaLoss.Host.Tests.Cluster;
using Xunit.Abstractions;

namespace MetaLoss.Host.Tests.Service;

/// <summary>
/// The scheduler shares the evaluators by priority, counted from the journal: over a minute of tiny
/// episodes, two runs of priority 1 get episode counts within 10 % of each other, and a run of
/// priority 2 about twice either (within 10 %).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FairShareSpecs(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Should_give_equal_runs_equal_shares_and_a_priority_2_run_twice_as_many_episodes()
    {
        var directory = SmallRun.NewDirectory();
        await using var service = await ServiceHost.Start(directory);
        // Large generations (60 training + 20 validation episodes) and more than a minute of them each.
        var settings = ServiceRuns.Small(seed: 1, generations: 10_000, parents: 10, episodesPerCandidate: 3);
        var a = await service.Submit("equal-a", settings);
        var b = await service.Submit("equal-b", settings with { Seed = 2 });
        var c = await service.Submit("double", settings with { Seed = 3 }, priority: 2);
        await service.WaitFor("double", r => r.State == RunLifecycle.Running && r.EpisodesCompleted > 0, TimeSpan.FromMinutes(2));
        await service.WaitFor("equal-a", r => r.State == RunLifecycle.Running, TimeSpan.FromMinutes(2));
        await service.WaitFor("equal-b", r => r.State == RunLifecycle.Running, TimeSpan.FromMinutes(2));

        var start = await Counts(directory, a.Id, b.Id, c.Id);
        await Task.Delay(Window);
        var end = await Counts(directory, a.Id, b.Id, c.Id);
        var (equalA, equalB, twice) = (end.A - start.A, end.B - start.B, end.C - start.C);

        output.WriteLine($"episodes in {Window.TotalSeconds:F0} s: equal-a {equalA}, equal-b {equalB}, double {twice}; " +
                         $"a/b {(double)equalA / equalB:F3}, double/mean(a,b) {2.0 * twice / (equalA + equalB):F3}");
        Assert.True(equalA + equalB > 200, $"too few episodes to judge: {equalA} and {equalB}");
        Assert.InRange((double)equalA / equalB, 0.9, 1.1);
        Assert.InRange(2.0 * twice / (equalA + equalB), 1.8, 2.2);
    }

    private static async Task<(int A, int B, int C)> Counts(string directory, RunId a, RunId b, RunId c) =>
        (await ServiceRuns.Episodes(directory, a), await ServiceRuns.Episodes(directory, b), await ServiceRuns.Episodes(directory, c));
}
