using System.Net.Sockets;
using System.Security.Authentication;
using Npgsql;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// The shared journal's connection: a postgres:// URL or an Npgsql "Host=...;Port=..." string, and a
/// password from a file if one was given. Nothing printed from here shows a password.
/// </summary>
public static class PostgresConnection
{
    public const string Advice =
        "use postgres://USER@HOST:PORT/DATABASE or \"Host=...;Port=...;Username=...;Database=...\"";

    public const string PasswordAdvice =
        "give the password with --postgres-password-file FILE (mode 0600), PGPASSWORD or ~/.pgpass";

    /// <param name="text">What --postgres says.</param>
    /// <param name="filePassword">The password from --postgres-password-file, if given.</param>
    public static ParsedPostgres Parse(string text, string? filePassword = null)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = PostgresUrl.Matches(text) ? PostgresUrl.Parse(text) : new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(builder.Host)) throw new ArgumentException("no host");
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            var reason = Secrets.RedactConnection(e.Message);
            throw new ArgumentException($"--postgres: cannot read '{Secrets.RedactConnection(text)}' ({reason}); {Advice}");
        }
        var inline = !string.IsNullOrEmpty(builder.Password);
        if (inline && filePassword is not null)
            throw new ArgumentException("--postgres carries a password and --postgres-password-file gives one too; keep only the file");
        if (filePassword is not null) builder.Password = filePassword;
        if (builder.Password is { } password) Secrets.Register(password);
        return new ParsedPostgres(new JournalSettings(builder.ConnectionString, PostgreSql: true), PasswordInArgument: inline);
    }

    /// <summary>Connects once, so an unreachable server is a clear start-up error rather than a journal that keeps failing.</summary>
    public static void CheckReachable(JournalSettings journal)
    {
        var password = new NpgsqlConnectionStringBuilder(journal.ConnectionString).Password;
        try
        {
            using var connection = new NpgsqlConnection(journal.ConnectionString);
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or
                                      AuthenticationException or IOException or SocketException)
        {
            var reason = Secrets.Redact(OneLine(e), password);
            var hint = password is null && reason.Contains("password", StringComparison.OrdinalIgnoreCase) ? $"; {PasswordAdvice}" : "";
            throw new ArgumentException($"--postgres: cannot connect to {journal.Describe()} ({reason}){hint}");
        }
    }

    /// <summary>The message and, where the driver wraps the real cause, the cause's, on one line.</summary>
    private static string OneLine(Exception e)
    {
        var message = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{e.Message}: {inner.Message}"
            : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}

/// <summary>A parsed --postgres, and whether its password was typed on the command line (visible in `ps`).</summary>
public sealed record ParsedPostgres(JournalSettings Journal, bool PasswordInArgument);
