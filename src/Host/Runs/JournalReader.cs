using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Actors.Serialization;
using MetaLoss.Host.Configuration;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Reads a run's events through Akka's read journal, read-only: no population actor is started,
/// so a running `evolve` is not disturbed (SQLite's WAL lets readers and the writer coexist).
/// </summary>
public static class JournalReader
{
    public static async Task<IReadOnlyList<IPopulationEvent>> ReadEvents(JournalSettings journal, CancellationToken cancellation = default)
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(journal.ToHocon())
            .WithFallback(SqlPersistence.DefaultConfiguration)
            .WithFallback(SerializationConfig.Hocon);
        using var system = ActorSystem.Create("metaloss-reader", config);
        try
        {
            var readJournal = ReadJournal(system);
            var events = new List<IPopulationEvent>();
            await readJournal.CurrentEventsByPersistenceId(AkkaConfiguration.PopulationPersistenceId, 0, long.MaxValue)
                .RunForeach(envelope => events.Add((IPopulationEvent)envelope.Event), system.Materializer())
                .WaitAsync(cancellation);
            return events;
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// Akka.Persistence.Sql's read journal waits a fixed 5 s for the write journal to initialise; on a
    /// loaded machine that can pass while the journal is nearly ready, so it is asked a few times.
    /// </summary>
    private static SqlReadJournal ReadJournal(ActorSystem system)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            }
            catch (AggregateException e) when (attempt < attempts && e.InnerException is AskTimeoutException)
            {
            }
        }
    }

    public static async Task<PopulationState> ReadState(JournalSettings journal, CancellationToken cancellation = default) =>
        (await ReadEvents(journal, cancellation)).Aggregate(PopulationState.Empty, (state, e) => state.Apply(e));
}
