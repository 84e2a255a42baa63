using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>The population moves to another node when the one hosting it dies, and resumes from the shared journal.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SingletonHandOverSpecs(ReferenceRun reference)
{
    [Fact]
    public async Task Should_finish_identically_when_the_node_hosting_the_population_is_killed()
    {
        var database = TestPostgres.NewDatabase();
        var journal = new JournalSettings(database, PostgreSql: true);
        var postgres = new[] { "--postgres", database };
        var firstPort = ClusterRun.FreePort();
        var secondPort = ClusterRun.FreePort();
        var thirdPort = ClusterRun.FreePort();

        using var first = MetalossProcess.Start(ClusterRun.ClusteredEvolve(SmallRun.NewDirectory(), firstPort, postgres));
        // Standbys host the same run (persistence id) when the population moves to them.
        string[] join = ["--join", $"127.0.0.1:{firstPort}", "--run-id", ClusterRun.RunIdPrintedBy(first), .. postgres];
        Assert.True(first.WaitForLine("generation    1/", ClusterRun.Timeout), first.Output);
        // Two standbys: with keep-oldest and down-if-alone, the oldest population node is downed
        // only when it is alone against at least two others (two alone cannot tell a crash from a partition).
        using var second = MetalossProcess.Start(ClusterRun.ClusteredEvolve(SmallRun.NewDirectory(), secondPort, join));
        using var third = MetalossProcess.Start(ClusterRun.ClusteredEvolve(SmallRun.NewDirectory(), thirdPort, join));
        Assert.True(second.WaitForLine("Resumed at generation", ClusterRun.Timeout), second.Output);
        Assert.True(third.WaitForLine("Resumed at generation", ClusterRun.Timeout), third.Output);
        // Each standby must count all three as Up, or it would take the first one's death for its own isolation.
        ClusterRun.WaitUntil(() => ClusterRun.MembersUpSeenBy(secondPort) == 3 && ClusterRun.MembersUpSeenBy(thirdPort) == 3,
            () => "the three population nodes never all saw each other Up");

        first.KillHard();
        var atKill = await JournalReader.ReadState(journal);
        Assert.False(atKill.Finished, "the run finished before the population's node was killed; make ClusterRun longer");

        Assert.True(second.WaitForExit(ClusterRun.Timeout) == 0, second.Output);
        Assert.True(third.WaitForExit(ClusterRun.Timeout) == 0, third.Output);
        Assert.Contains($"Finished {ClusterRun.Generations} generations", second.Output);

        var state = await JournalReader.ReadState(journal);
        Assert.True(state.Finished);
        Assert.Equal(reference.State.Population, state.Population);
        Assert.Equal(reference.State.History, state.History);
        Assert.Equal(reference.State.Validated, state.Validated);
        // Every training episode and the same meta-validation episodes, each counted once.
        Assert.Equal(reference.State.EpisodesCompleted, state.EpisodesCompleted);
        Assert.True(state.EpisodesCompleted > ClusterRun.TotalEpisodes, $"{state.EpisodesCompleted} episodes: no meta-validation ran");
    }
}
