using MetaLoss.Actors.Messages;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>
/// Runs sharing one PostgreSQL database each have their own run id and persistence id: a new run
/// with the same settings starts afresh, `status` asks which run, and a standby must name the run it joins.
/// </summary>
public sealed class SharedJournalRunsSpecs
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Should_keep_two_runs_with_the_same_settings_apart_in_one_database()
    {
        var database = TestPostgres.NewDatabase();
        var journal = new JournalSettings(database, PostgreSql: true);
        var first = SmallRun.NewDirectory();
        var second = SmallRun.NewDirectory();

        var a = Evolve(first, database);
        var b = Evolve(second, database);

        Assert.NotEqual(a, b);
        Assert.Equal(new[] { a, b }.OrderBy(r => r.Value), (await JournalReader.ListRuns(journal)).OrderBy(r => r.Value));
        // Had the second continued the first, it would have added nothing: each ran the whole run itself.
        var stateA = await JournalReader.ReadState(journal, a);
        var stateB = await JournalReader.ReadState(journal, b);
        Assert.True(stateA.Finished && stateB.Finished);
        Assert.Equal(stateA.EpisodesCompleted, stateB.EpisodesCompleted);
        Assert.Equal(stateA.History, stateB.History);

        var (ambiguous, listing) = MetalossProcess.Run(Quick, "status", "--postgres", database);
        Assert.True(ambiguous == 2, listing);
        Assert.Contains($"holds 2 runs", listing);
        Assert.Contains(a.Value, listing);
        Assert.Contains(b.Value, listing);

        var (byId, status) = MetalossProcess.Run(Quick, "status", "--postgres", database, "--run-id", b.Value);
        Assert.True(byId == 0, status);
        Assert.Contains($"run {b}", status);
        var (byDirectory, statusOfFirst) = MetalossProcess.Run(Quick, "status", "--postgres", database, "--run", first);
        Assert.True(byDirectory == 0, statusOfFirst);
        Assert.Contains($"run {a}", statusOfFirst);
    }

    [Fact]
    public void Should_refuse_a_standby_that_does_not_name_the_run()
    {
        var (code, output) = MetalossProcess.Run(Quick, ClusterRun.ClusteredEvolve(SmallRun.NewDirectory(), ClusterRun.FreePort(),
            "--join", $"127.0.0.1:{ClusterRun.FreePort()}", "--postgres", TestPostgres.NewDatabase()));

        Assert.True(code == 2, output);
        Assert.Contains("--join: give --run-id", output);
    }

    [Fact]
    public void Should_refuse_a_standby_that_names_another_run()
    {
        var postgres = new[] { "--postgres", TestPostgres.NewDatabase() };
        var port = ClusterRun.FreePort();
        using var first = MetalossProcess.Start(ClusterRun.ClusteredEvolve(SmallRun.NewDirectory(), port, postgres));
        var run = ClusterRun.RunIdPrintedBy(first);
        Assert.True(first.WaitForLine("generation    1/", ClusterRun.Timeout), first.Output);

        var (code, output) = MetalossProcess.Run(ClusterRun.Timeout, ClusterRun.ClusteredEvolve(SmallRun.NewDirectory(), ClusterRun.FreePort(),
            ["--join", $"127.0.0.1:{port}", "--run-id", "0123456789ab", .. postgres]));

        Assert.True(code == 2, $"exit code {code}: {output}");
        Assert.Contains($"the population here persists population-{run}, not run 0123456789ab", output);
    }

    /// <summary>A one-generation small run in the database; its run id, as printed.</summary>
    private static RunId Evolve(string directory, string database)
    {
        var (code, output) = MetalossProcess.Run(SmallRun.Timeout, SmallRun.EvolveFor(directory, 7, 1, "--postgres", database));
        Assert.True(code == 0, output);
        Assert.DoesNotContain("Resum", output);
        const string starting = "Starting run ";
        var line = output.Split('\n').First(l => l.StartsWith(starting));
        return RunId.Parse(line[starting.Length..].Split(';')[0]);
    }
}
