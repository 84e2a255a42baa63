using System.CommandLine;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Options;

/// <summary>--postgres: a shared PostgreSQL journal instead of the run directory's own SQLite file.</summary>
public sealed class JournalOptions
{
    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "shared PostgreSQL journal (needed for more than one population host): postgres://USER:PASSWORD@HOST:PORT/DB or \"Host=...;Port=...;Username=...;Database=...\"",
    };

    public void AddTo(Command command) => command.Options.Add(Postgres);

    public bool IsShared(ParseResult result) => result.GetValue(Postgres) is not null;

    /// <summary>The shared journal if --postgres was given (checked to be reachable), else null.</summary>
    public JournalSettings? ReadShared(ParseResult result)
    {
        if (result.GetValue(Postgres) is not { } postgres) return null;
        var journal = PostgresConnection.Parse(postgres);
        PostgresConnection.CheckReachable(journal);
        return journal;
    }

    /// <summary>The shared journal, or the run directory's own SQLite file.</summary>
    public JournalSettings Read(ParseResult result, RunDirectory directory) =>
        ReadShared(result) ?? new JournalSettings(directory.SqliteConnectionString, PostgreSql: false);
}
