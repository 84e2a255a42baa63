using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace MetaLoss.Host.Tests.Runs;

/// <summary>Files in a run directory as other programs, crashes and bit rot leave them.</summary>
public static class JournalFiles
{
    public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A journal.db that MetaLoss did not make, of the given kind.</summary>
    public static void MakeForeign(string path, string kind)
    {
        switch (kind)
        {
            case "another application's database":
                Execute(path, "CREATE TABLE invoices (id INTEGER, total REAL); INSERT INTO invoices VALUES (1, 9.5);");
                break;
            case "an empty SQLite database":
                // Setting a header field writes SQLite's first page: a real database file with no tables.
                Execute(path, "PRAGMA user_version = 7;");
                break;
            case "a garbage file":
                File.WriteAllBytes(path, [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 131 % 251))]);
                break;
            case "a zero-byte file":
                File.WriteAllBytes(path, []);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Overwrites one event's payload with bytes no format reads.</summary>
    public static void CorruptEvent(string journal, long sequenceNr) =>
        Execute(journal, $"UPDATE journal SET message = x'0102' WHERE sequence_number = {sequenceNr}", expectRows: true);

    public static void CorruptSnapshots(string journal) =>
        Execute(journal, "UPDATE snapshot SET snapshot = x'0102'", expectRows: true);

    /// <summary>The highest sequence number a snapshot was taken at.</summary>
    public static long LatestSnapshot(string journal) => (long)Scalar(journal, "SELECT MAX(sequence_number) FROM snapshot")!;

    /// <summary>A journal as MetaLoss wrote it before run ids: no marker table, the population under `population`.</summary>
    public static void MakeLegacy(string journal) =>
        Execute(journal, "DROP TABLE metaloss_schema; UPDATE journal SET persistence_id = 'population'; UPDATE snapshot SET persistence_id = 'population';");

    /// <summary>A copy of a run directory's files, as a backup would have it (no WAL: the writer has closed).</summary>
    public static string CopyRun(string from)
    {
        var to = SmallRun.NewDirectory();
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (!file.EndsWith("-wal") && !file.EndsWith("-shm")) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        return to;
    }

    private static void Execute(string path, string sql, bool expectRows = false)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = command.ExecuteNonQuery();
        if (expectRows) Assert.True(rows > 0, $"nothing matched: {sql}");
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
