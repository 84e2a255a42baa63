using System.Text.RegularExpressions;

namespace MetaLoss.Host.Configuration;

/// <summary>Hides passwords in anything printed: a connection text as typed, and a known password wherever it appears.</summary>
public static partial class Secrets
{
    public const string Mask = "***";

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
