using Npgsql;

namespace MetaLoss.Host.Configuration;

/// <summary>
/// postgres://[USER[:PASSWORD]@]HOST[:PORT][/DATABASE][?sslmode=MODE] as an Npgsql connection string.
/// A part that is absent stays unset, so Npgsql's own fallbacks still apply (PGUSER, PGPASSWORD,
/// PGPASSFILE or ~/.pgpass); an empty password in particular would stop them.
/// </summary>
public static class PostgresUrl
{
    public static bool Matches(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    public static NpgsqlConnectionStringBuilder Parse(string text)
    {
        var url = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder { Host = url.Host };
        if (url.Port > 0) builder.Port = url.Port;
        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        var user = url.UserInfo.Split(':', 2);
        if (user[0].Length > 0) builder.Username = Uri.UnescapeDataString(user[0]);
        if (user.Length == 2 && user[1].Length > 0) builder.Password = Uri.UnescapeDataString(user[1]);
        foreach (var (name, value) in QueryParameters(url))
        {
            if (!name.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"unknown URL parameter '{name}' (only sslmode is read from a URL; use the \"Host=...;Port=...\" form for other settings)");
            builder.SslMode = ParseSslMode(value);
        }
        return builder;
    }

    /// <summary>libpq's names (disable, allow, prefer, require, verify-ca, verify-full).</summary>
    public static SslMode ParseSslMode(string value) =>
        Enum.TryParse<SslMode>(value.Replace("-", ""), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentException($"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full");

    private static IEnumerable<(string Name, string Value)> QueryParameters(Uri url) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var parts = pair.Split('=', 2);
            return (Uri.UnescapeDataString(parts[0]), parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "");
        });
}
