using MetaLoss.Actors.Messages;
using MetaLoss.Host.Configuration;

namespace MetaLoss.Host.Runs;

/// <summary>
/// Which run `evolve` works on, and the journal checked before any actor starts: the run directory's
/// own SQLite journal (made if new, refused untouched if not MetaLoss's) or, with --postgres, the run
/// named by run.json or --run-id in the shared database. A journal being resumed is read once in
/// full, so a corrupt event anywhere is reported, even one a snapshot would let the population skip.
/// </summary>
public static class EvolveJournal
{
    public static async Task<RunId> Open(RunDirectory directory, JournalSettings journal, RunId? asked, bool joining,
        CancellationToken cancellation)
    {
        if (!journal.PostgreSql)
        {
            if (asked is not null) throw new ArgumentException("--run-id: only with --postgres; a run directory's own journal holds exactly one run");
            var identity = directory.PrepareJournal(RunId.New());
            if (identity.HasJournalTable) await JournalReader.ReadEvents(journal, identity.Run, cancellation);
            Console.WriteLine($"{(identity.HasJournalTable ? "Resuming" : "Starting")} run {identity.Run} in {directory.Path}");
            return identity.Run;
        }
        var recorded = RunFile.Read(directory);
        if (recorded is not null && asked is not null && recorded != asked)
            throw new ArgumentException($"--run-id {asked}: the run directory {directory.Path} belongs to run {recorded} (its run.json)");
        var run = recorded ?? asked ?? (joining
            ? throw new ArgumentException("--join: give --run-id with the id the first `evolve` of this run printed, so this node hosts the same run when the population moves here")
            : RunId.New());
        var events = await JournalReader.ReadEvents(journal, run, cancellation);
        if (recorded is null) RunFile.Write(directory, run);
        var doing = joining ? "Standing by for" : events.Count > 0 ? "Resuming" : "Starting";
        Console.WriteLine($"{doing} run {run}; journal in PostgreSQL ({journal.Describe()}); run directory {directory.Path}");
        if (!joining) Console.WriteLine($"Standbys join this run with --run-id {run}");
        return run;
    }
}
