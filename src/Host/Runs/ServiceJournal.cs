using MetaLoss.Actors.Messages;
using MetaLoss.Host.Configuration;

namespace MetaLoss.Host.Runs;

/// <summary>
/// The journal of `serve`: the data folder's own SQLite file (made if new, marked as a service's) or,
/// with --postgres, the shared database. It holds the run registry and every run's population, each
/// under its own persistence id. An `evolve` run's journal, or anything not MetaLoss's, is refused untouched.
/// </summary>
public static class ServiceJournal
{
    /// <summary>What marks a SQLite journal as a service's (the marker holds a run id; this one is no run's).</summary>
    public static RunId Marker { get; } = RunId.Parse("service");

    public static JournalSettings Open(RunDirectory directory, JournalSettings journal)
    {
        if (journal.PostgreSql)
        {
            Console.WriteLine($"Journal in PostgreSQL ({journal.Describe()}); data folder {directory.Path}");
            return journal;
        }
        var identity = directory.PrepareJournal(Marker);
        if (identity.Run != Marker)
            throw new ArgumentException($"--data {directory.Path}: holds the journal of the `evolve` run {identity.Run}, not a service's; " +
                                        "give `serve` a folder of its own (evolve's run goes on with `metaloss evolve --run`)");
        Console.WriteLine($"{(identity.HasJournalTable ? "Recovering" : "Starting")} the service in {directory.Path}");
        return journal;
    }
}
