using MetaLoss.Actors.Population;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Cluster;

/// <summary>The same run in one embedded process (no networking, SQLite): what every cluster run must reproduce.</summary>
public sealed class ReferenceRun : IAsyncLifetime
{
    public PopulationState State { get; private set; } = PopulationState.Empty;

    public async Task InitializeAsync()
    {
        var directory = SmallRun.NewDirectory();
        var (code, output) = MetalossProcess.Run(ClusterRun.Timeout, ClusterRun.Evolve(directory, "--devices", "cpu:2"));
        Assert.True(code == 0, output);
        State = await JournalReader.ReadState(ClusterRun.SqliteJournal(directory));
        Assert.True(State.Finished);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Cluster specs start several processes each: they run one at a time, sharing one reference run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ReferenceRun>
{
    public const string Name = "cluster";
}
