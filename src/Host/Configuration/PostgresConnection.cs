using Npgsql;

namespace MetaLoss.Host.Configuration;

/// <summary>The shared journal's connection: a postgres:// URL or an Npgsql "Host=...;Port=..." string.</summary>
public static class PostgresConnection
{
    public static JournalSettings Parse(string text)
    {
        try
        {
            var builder = text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
                          text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUrl(new Uri(text))
                : new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(builder.Host)) throw new ArgumentException("no host");
            return new JournalSettings(builder.ConnectionString, PostgreSql: true);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException(
                $"--postgres: cannot read '{text}' ({e.Message}); use postgres://USER:PASSWORD@HOST:PORT/DATABASE or \"Host=...;Port=...;Username=...;Database=...\"");
        }
    }

    /// <summary>Connects once, so an unreachable server is a clear start-up error rather than a journal that keeps failing.</summary>
    public static void CheckReachable(JournalSettings journal)
    {
        try
        {
            using var connection = new NpgsqlConnection(journal.ConnectionString);
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new ArgumentException($"--postgres: cannot connect to {journal.Describe()} ({e.Message})");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(Uri url)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = url.Host };
        if (url.Port > 0) builder.Port = url.Port;
        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        var user = url.UserInfo.Split(':', 2);
        if (user[0].Length > 0) builder.Username = Uri.UnescapeDataString(user[0]);
        if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
        return builder;
    }
}
