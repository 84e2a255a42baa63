using MetaLoss.Actors.Messages;
using Microsoft.Data.Sqlite;

namespace MetaLoss.Host.Runs;

/// <summary>The files of one run: its SQLite journal (or run id), the best MLN, the per-generation CSV, the lock.</summary>
public sealed class RunDirectory
{
    private RunDirectory(string path, bool created)
    {
        Path = path;
        Created = created;
    }

    public string Path { get; }

    /// <summary>Whether <see cref="Open"/> made the folder, so a command that never starts the run may remove it again.</summary>
    public bool Created { get; }

    public string JournalFile => System.IO.Path.Combine(Path, "journal.db");

    public string BestMlnFile => System.IO.Path.Combine(Path, "best-mln.json");

    public string GenerationsCsv => System.IO.Path.Combine(Path, "generations.csv");

    /// <summary>Held by the `evolve` working on this run (<see cref="RunLock"/>).</summary>
    public string LockFile => System.IO.Path.Combine(Path, "evolve.lock");

    /// <summary>The run id of a run whose journal is in a shared database (<see cref="Runs.RunFile"/>).</summary>
    public string RunIdFile => System.IO.Path.Combine(Path, "run.json");

    public bool HasJournal => File.Exists(JournalFile);

    /// <summary>For the journal's writer, `evolve`, once the file exists (<see cref="PrepareJournal"/>): never creates one.</summary>
    public string SqliteConnectionString => SqliteJournalFile.ConnectionString(JournalFile, SqliteOpenMode.ReadWrite);

    /// <summary>For readers: SQLite refuses every write, so reading never changes the file.</summary>
    public string ReadOnlyConnectionString => SqliteJournalFile.ConnectionString(JournalFile, SqliteOpenMode.ReadOnly);

    /// <summary>Opens (creating if asked) a run directory, with a clear error when it is unusable.</summary>
    public static RunDirectory Open(string path, bool create)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("--run: the run directory's path is empty");
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full)) throw new ArgumentException($"--run {path}: is a file, not a directory");
        var created = !Directory.Exists(full);
        if (created)
        {
            if (!create) throw new ArgumentException($"--run {path}: no such run directory");
            try
            {
                Directory.CreateDirectory(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"--run {path}: cannot create the directory ({e.Message})");
            }
        }
        var probe = System.IO.Path.Combine(full, ".metaloss-write-check");
        try
        {
            if (create)
            {
                File.WriteAllText(probe, "");
                File.Delete(probe);
            }
            else
            {
                Directory.EnumerateFiles(full).FirstOrDefault();
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ArgumentException($"--run {path}: cannot {(create ? "write to" : "read")} the directory ({e.Message})");
        }
        return new RunDirectory(full, created);
    }

    /// <summary>
    /// For `evolve`: the run the directory's journal holds, after making a new journal for
    /// <paramref name="newRun"/> if there is none. A file MetaLoss did not make is refused untouched.
    /// </summary>
    public JournalIdentity PrepareJournal(RunId newRun)
    {
        if (HasJournal) return SqliteJournalFile.Identify(JournalFile);
        SqliteJournalFile.Create(JournalFile, newRun);
        return new JournalIdentity(newRun, HasJournalTable: false);
    }
}
