using MetaLoss.Actors.Messages;
using Microsoft.Data.Sqlite;

namespace MetaLoss.Host.Runs;

/// <summary>
/// A run directory's SQLite journal. MetaLoss writes only a file it made: a new journal is built
/// under a temporary name with a marker table (format version, run id) and then renamed into place,
/// so no crash leaves a half-made file. Any other file, including an empty one or an empty SQLite
/// database made by someone else, is refused, and is only ever opened read-only, so not a byte of
/// it changes. Journals from before the marker (Akka's tables only) are MetaLoss's too: legacy runs.
/// </summary>
public static class SqliteJournalFile
{
    public const int FormatVersion = 1;
    public const string MarkerTable = "metaloss_schema";

    // What Akka.Persistence.Sql creates in SQLite; a legacy journal has these and nothing else.
    private static readonly HashSet<string> AkkaTables = ["journal", "snapshot", "tags", "journal_metadata"];

    /// <summary>What an existing file holds, found read-only; an ArgumentException says why it is not a MetaLoss journal.</summary>
    public static JournalIdentity Identify(string path)
    {
        if (new FileInfo(path).Length == 0) throw NotAJournal(path, "an empty file");
        try
        {
            using var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadOnly));
            connection.Open();
            var tables = Tables(connection);
            if (tables.Contains(MarkerTable)) return new JournalIdentity(ReadMarker(connection, path), tables.Contains("journal"));
            if (tables.Contains("journal") && tables.IsSubsetOf(AkkaTables)) return new JournalIdentity(RunId.Legacy, HasJournalTable: true);
            throw NotAJournal(path, tables.Count == 0
                ? "a SQLite database with no tables, not made by MetaLoss"
                : $"a SQLite database with other tables: {string.Join(", ", tables.Order())}");
        }
        catch (SqliteException e)
        {
            throw NotAJournal(path, $"not a SQLite database: {e.Message}");
        }
    }

    /// <summary>Makes a new journal for the run at <paramref name="path"/>, which must not exist.</summary>
    public static void Create(string path, RunId run)
    {
        var building = $"{path}.new-{Environment.ProcessId}";
        File.Delete(building);
        using (var connection = new SqliteConnection(ConnectionString(building, SqliteOpenMode.ReadWriteCreate)))
        {
            connection.Open();
            // WAL lets `status` read while `evolve` writes and survives a killed writer; the mode is kept in the file.
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, $"CREATE TABLE {MarkerTable} (format_version INTEGER NOT NULL, run_id TEXT NOT NULL);");
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO {MarkerTable} (format_version, run_id) VALUES ($version, $run);";
            insert.Parameters.AddWithValue("$version", FormatVersion);
            insert.Parameters.AddWithValue("$run", run.Value);
            insert.ExecuteNonQuery();
        }
        // Closing the last connection checkpoints the WAL and removes it, so the file is whole to rename.
        File.Move(building, path);
    }

    /// <summary>
    /// The connection Akka uses: read-only for readers such as `status`; pooled only for the journal's
    /// writer, whose plugin opens a connection per query (a pooled one would keep the file open after a reader is done).
    /// </summary>
    public static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Cache = SqliteCacheMode.Private,
        Pooling = mode == SqliteOpenMode.ReadWrite,
    }.ToString();

    private static RunId ReadMarker(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT format_version, run_id FROM {MarkerTable}";
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw NotAJournal(path, $"its {MarkerTable} table is empty");
        var version = reader.GetInt64(0);
        if (version > FormatVersion)
            throw new ArgumentException($"{path}: a MetaLoss journal of format {version}, newer than this metaloss reads ({FormatVersion}); use a newer metaloss");
        try
        {
            return RunId.Parse(reader.GetString(1));
        }
        catch (ArgumentException e)
        {
            throw NotAJournal(path, e.Message);
        }
    }

    private static HashSet<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // SQLite's own tables (sqlite_sequence for AUTOINCREMENT) say nothing about who made the file.
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'";
        var tables = new HashSet<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static ArgumentException NotAJournal(string path, string what) =>
        new($"{path}: not a MetaLoss journal ({what}); nothing was changed. Move it away or choose another --run directory");
}

/// <summary>The run a MetaLoss journal file holds, and whether Akka has created its tables yet.</summary>
public sealed record JournalIdentity(RunId Run, bool HasJournalTable);
