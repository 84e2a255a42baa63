using System.Globalization;

namespace MetaLoss.Host.Options;

/// <summary>Comma-separated option values ("0.05,0.1"): at least one, each readable, or one line naming the option.</summary>
public static class ListOption
{
    public static List<T> Parse<T>(string text, string option, Func<string, T> parse)
    {
        try
        {
            var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();
            if (items.Count == 0) throw new ArgumentException($"{option}: no values in '{text}'");
            return items;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"{option}: cannot read '{text}'");
        }
    }

    /// <summary>Positive, finite numbers (learning rates and the like).</summary>
    public static List<double> PositiveNumbers(string text, string option) =>
        Parse(text, option, s =>
        {
            var value = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            return value > 0 && double.IsFinite(value)
                ? value
                : throw new ArgumentException($"{option}: '{s}' is not a positive number");
        });
}
