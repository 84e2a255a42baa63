using System.Text.RegularExpressions;

namespace MetaLoss.Host.Configuration;

/// <summary>Hides passwords in anything printed: a connection text as typed, and a known password wherever it appears.</summary>
public static partial class Secrets
{
    public const string Mask = "***";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Known = new();

    /// <summary>A password this process holds, so the last-resort error report can mask it too.</summary>
    public static void Register(string password)
    {
        if (password.Length > 0) Known.TryAdd(password, true);
    }

    /// <summary>Every registered password masked.</summary>
    public static string RedactKnown(string text) => Known.Keys.Aggregate(text, (masked, password) => Redact(masked, password));

    /// <summary>The password of a postgres:// URL or a "Password=...;" pair, masked; works on text that does not parse.</summary>
    public static string RedactConnection(string text) =>
        KeyValuePassword().Replace(UrlPassword().Replace(text, $"$1{Mask}@"), $"$1{Mask}");

    /// <summary>Every occurrence of <paramref name="password"/> masked (a driver's message may quote it).</summary>
    public static string Redact(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, Mask, StringComparison.Ordinal);

    // user:password@ in a URL, to the last @: masking too much is better than showing part of a password.
    [GeneratedRegex(@"(://[^:/@]*:).*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"((?:password|pwd)\s*=\s*)(""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();
}
