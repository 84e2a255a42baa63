using System.CommandLine;
using System.Globalization;

namespace MetaLoss.Host.Options;

/// <summary>An optional duration such as 90s, 5m or 1h (a bare number is seconds).</summary>
public static class DurationOption
{
    public static Option<TimeSpan?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (Parse(text) is { } duration) return duration;
            result.AddError($"{name} {text}: use a positive duration such as 30s, 5m or 1h");
            return null;
        },
    };

    public static TimeSpan? Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var (number, unit) = trimmed.EndsWith("ms", StringComparison.Ordinal) ? (trimmed[..^2], 0.001)
            : trimmed.EndsWith('s') ? (trimmed[..^1], 1.0)
            : trimmed.EndsWith('m') ? (trimmed[..^1], 60.0)
            : trimmed.EndsWith('h') ? (trimmed[..^1], 3600.0)
            : (trimmed, 1.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && value * unit < 365 * 86400.0
            ? TimeSpan.FromSeconds(value * unit)
            : null;
    }

    /// <summary>A duration as a person would write it: 15 s, 2.5 min, 1 h.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds < 60 ? $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
        : duration.TotalMinutes < 60 ? $"{duration.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} min"
        : $"{duration.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h";
}
