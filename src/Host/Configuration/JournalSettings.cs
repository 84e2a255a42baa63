using Akka.Configuration;

namespace MetaLoss.Host.Configuration;

/// <summary>Which database holds the journal: the run's own SQLite file, or a shared PostgreSQL.</summary>
public sealed record JournalSettings(string ConnectionString, bool PostgreSql)
{
    /// <summary>Where the journal is, without credentials, for messages.</summary>
    public string Describe()
    {
        if (!PostgreSql) return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{postgres.Host}:{postgres.Port}/{postgres.Database ?? postgres.Username}";
    }

    public Config ToHocon()
    {
        var file = PostgreSql ? "persistence-postgresql.conf" : "persistence-sqlite.conf";
        var quoted = ConnectionString.Replace("\\", "\\\\").Replace("\"", "\\\"");
        var connection = ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql.connection-string = "{{quoted}}"
            akka.persistence.query.journal.sql.connection-string = "{{quoted}}"
            akka.persistence.snapshot-store.sql.connection-string = "{{quoted}}"
            """);
        return connection.WithFallback(HoconFiles.Load(file));
    }
}
