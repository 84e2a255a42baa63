using System.CommandLine;
using MetaLoss.Host.Configuration;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Options;

/// <summary>--postgres and its password: a shared PostgreSQL journal instead of the run directory's own SQLite file.</summary>
public sealed class JournalOptions
{
    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "shared PostgreSQL journal (needed for more than one population host): postgres://USER@HOST:PORT/DB[?sslmode=require] " +
                      "or \"Host=...;Port=...;Username=...;Database=...[;SSL Mode=Require]\"; the password comes from " +
                      "--postgres-password-file, PGPASSWORD or ~/.pgpass (PGPASSFILE)",
    };

    public Option<string?> PasswordFile { get; } = new("--postgres-password-file")
    {
        Description = "file whose first line is the PostgreSQL password; must be mode 0600 or stricter",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(PasswordFile);
    }

    public bool IsShared(ParseResult result) => result.GetValue(Postgres) is not null;

    /// <summary>The shared journal if --postgres was given (checked to be reachable), else null.</summary>
    public JournalSettings? ReadShared(ParseResult result)
    {
        var file = result.GetValue(PasswordFile);
        if (result.GetValue(Postgres) is not { } postgres)
            return file is null ? null : throw new ArgumentException("--postgres-password-file: it is the password of --postgres, which was not given");
        var password = file is null ? null : Configuration.PasswordFile.Read("--postgres-password-file", file);
        var parsed = PostgresConnection.Parse(postgres, password);
        if (parsed.PasswordInArgument)
            Console.Error.WriteLine("metaloss: warning: the --postgres password is visible to every user of this machine (`ps`); " +
                                    PostgresConnection.PasswordAdvice);
        PostgresConnection.CheckReachable(parsed.Journal);
        return parsed.Journal;
    }

    /// <summary>The shared journal, or the run directory's own SQLite file.</summary>
    public JournalSettings Read(ParseResult result, RunDirectory directory) =>
        ReadShared(result) ?? new JournalSettings(directory.SqliteConnectionString, PostgreSql: false);
}
