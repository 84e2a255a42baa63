using System.Runtime.Serialization;
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
/// so a running `evolve` is not disturbed (SQLite's WAL lets readers and the writer coexist), and
/// no table is ever created. An event that cannot be read is named (run, sequence number).
/// </summary>
public static class JournalReader
{
    // Readers never create tables: a journal without them simply holds no events yet. What goes
    // wrong reaches the caller as an exception, so Akka's own log (stack traces) stays quiet.
    private const string ReadOnlyHocon = """
        akka.loglevel = OFF
        akka.stdout-loglevel = OFF
        akka.persistence.journal.sql.auto-initialize = off
        akka.persistence.snapshot-store.sql.auto-initialize = off
        """;

    /// <summary>The runs whose populations have events in the journal.</summary>
    public static Task<IReadOnlyList<RunId>> ListRuns(JournalSettings journal, CancellationToken cancellation = default) =>
        WithReadJournal<IReadOnlyList<RunId>>(journal, [], (readJournal, materializer) => ListRuns(readJournal, materializer, cancellation));

    /// <summary>The run's events in order; without <paramref name="run"/>, those of the journal's only run.</summary>
    public static Task<IReadOnlyList<IPopulationEvent>> ReadEvents(JournalSettings journal, RunId? run = null, CancellationToken cancellation = default) =>
        WithReadJournal<IReadOnlyList<IPopulationEvent>>(journal, [], async (readJournal, materializer) =>
        {
            run ??= OnlyRun(journal, await ListRuns(readJournal, materializer, cancellation));
            return run is null ? [] : await ReadEvents(journal, readJournal, materializer, run, cancellation);
        });

    public static async Task<PopulationState> ReadState(JournalSettings journal, RunId? run = null, CancellationToken cancellation = default) =>
        (await ReadEvents(journal, run, cancellation)).Aggregate(PopulationState.Empty, (state, e) => state.Apply(e));

    private static async Task<IReadOnlyList<IPopulationEvent>> ReadEvents(JournalSettings journal, SqlReadJournal readJournal,
        IMaterializer materializer, RunId run, CancellationToken cancellation)
    {
        var events = new List<IPopulationEvent>();
        long last = 0;
        try
        {
            await readJournal.CurrentEventsByPersistenceId(run.PersistenceId, 0, long.MaxValue)
                .RunForeach(envelope =>
                {
                    last = envelope.SequenceNr;
                    events.Add(envelope.Event as IPopulationEvent
                               ?? throw new SerializationException($"a {envelope.Event.GetType().Name}, not a population event"));
                }, materializer)
                .WaitAsync(cancellation);
        }
        catch (SerializationException e)
        {
            // Sequence numbers are contiguous (MetaLoss never deletes events): the bad one follows the last good one.
            throw new ArgumentException($"{journal.Describe()}: event {last + 1} of {run.PersistenceId} (run {run}) is corrupt: {e.Message}");
        }
        return events;
    }

    private static async Task<IReadOnlyList<RunId>> ListRuns(SqlReadJournal readJournal, IMaterializer materializer, CancellationToken cancellation)
    {
        var runs = new List<RunId>();
        await readJournal.CurrentPersistenceIds()
            .RunForeach(id =>
            {
                if (RunId.FromPersistenceId(id) is { } run) runs.Add(run);
            }, materializer)
            .WaitAsync(cancellation);
        return runs;
    }

    private static RunId? OnlyRun(JournalSettings journal, IReadOnlyList<RunId> runs) => runs.Count switch
    {
        0 => null,
        1 => runs[0],
        _ => throw new ArgumentException($"{journal.Describe()} holds {runs.Count} runs ({string.Join(", ", runs)}); say which with --run-id"),
    };

    /// <summary>A journal whose tables were never created (a new database, or a journal made but not yet written) holds nothing.</summary>
    private static bool IsMissingTable(Exception e) =>
        e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UndefinedTable } ||
        (e is Microsoft.Data.Sqlite.SqliteException && e.Message.Contains("no such table", StringComparison.Ordinal)) ||
        (e.InnerException is { } inner && IsMissingTable(inner));

    private static async Task<T> WithReadJournal<T>(JournalSettings journal, T empty, Func<SqlReadJournal, IMaterializer, Task<T>> read)
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString(ReadOnlyHocon)
            .WithFallback(journal.ToHocon())
            .WithFallback(SqlPersistence.DefaultConfiguration)
            .WithFallback(SerializationConfig.Hocon);
        using var system = ActorSystem.Create("metaloss-reader", config);
        try
        {
            return await read(ReadJournal(system), system.Materializer());
        }
        catch (Exception e) when (IsMissingTable(e))
        {
            return empty;
        }
        catch (Exception e) when (JournalUnavailableException.DatabaseFault(e) is { } fault)
        {
            throw new JournalUnavailableException(journal.Describe(), fault);
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
}
