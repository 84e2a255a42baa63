using Microsoft.Data.Sqlite;

namespace MetaLoss.Host.Runs;

/// <summary>The files of one run: its SQLite journal, the best MLN, the per-generation CSV.</summary>
public sealed class RunDirectory
{
    private RunDirectory(string path) => Path = path;

    public string Path { get; }

    public string JournalFile => System.IO.Path.Combine(Path, "journal.db");

    public string BestMlnFile => System.IO.Path.Combine(Path, "best-mln.json");

    public string GenerationsCsv => System.IO.Path.Combine(Path, "generations.csv");

    public bool HasJournal => File.Exists(JournalFile);

    public string SqliteConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = JournalFile,
        Cache = SqliteCacheMode.Private,
    }.ToString();

    /// <summary>Opens (creating if asked) a run directory, with a clear error when it is unusable.</summary>
    public static RunDirectory Open(string path, bool create)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("--run: the run directory's path is empty");
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full)) throw new ArgumentException($"--run {path}: is a file, not a directory");
        if (!Directory.Exists(full))
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
        return new RunDirectory(full);
    }

    /// <summary>
    /// Checks that an existing journal file is a MetaLoss journal (so Akka never adds its tables to
    /// someone else's database), then sets WAL mode: it lets `status` read while `evolve` writes and
    /// survives a killed writer; the mode is stored in the file, so setting it once is enough.
    /// </summary>
    public void PrepareJournal()
    {
        var existed = HasJournal;
        try
        {
            using var connection = new SqliteConnection(SqliteConnectionString);
            connection.Open();
            if (existed) CheckIsJournal(connection);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw new ArgumentException($"{JournalFile}: not a MetaLoss journal ({e.Message}); move it away or choose another --run directory");
        }
    }

    private void CheckIsJournal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) tables.Add(reader.GetString(0));
        if (tables.Count > 0 && !tables.Contains("journal"))
            throw new ArgumentException($"{JournalFile}: a SQLite database, but not a MetaLoss journal (tables: {string.Join(", ", tables)}); move it away or choose another --run directory");
    }
}
