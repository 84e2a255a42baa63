using System.Globalization;
using MetaLoss.Training.Data;

namespace MetaLoss.Training.Tasks;

/// <summary>
/// The command-line spelling of a task distribution: sources as <c>name:weight,name:weight</c> (a
/// missing weight is 1; <c>fashion-mnist</c> names the meta-training part) and ranges as
/// <c>min..max</c> or one value. Empty text is "not given". Every error is an ArgumentException
/// whose message says what was wrong in the user's terms.
/// </summary>
public static class TaskDistributionText
{
    /// <summary>What users call FashionMNIST's meta-training part in --tasks.</summary>
    public const string FashionMnistAlias = "fashion-mnist";

    public static IReadOnlyList<TaskSource> ParseSources(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        return [.. text.Split(',').Select(ParseSource)];
    }

    public static string FormatSources(IReadOnlyList<TaskSource> sources) => string.Join(",", sources);

    public static WholeRange? ParseWholeRange(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var (min, max) = Bounds(text, what);
        if (!int.TryParse(min, NumberStyles.Integer, CultureInfo.InvariantCulture, out var low) ||
            !int.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out var high))
            throw new ArgumentException($"{what} '{text}': use whole numbers, as MIN..MAX or one value");
        return new WholeRange(low, high);
    }

    public static RateRange? ParseRateRange(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var (min, max) = Bounds(text, what);
        if (!double.TryParse(min, NumberStyles.Float, CultureInfo.InvariantCulture, out var low) ||
            !double.TryParse(max, NumberStyles.Float, CultureInfo.InvariantCulture, out var high))
            throw new ArgumentException($"{what} '{text}': use numbers, as MIN..MAX or one value");
        return new RateRange(low, high);
    }

    public static string Format(object? range) => range?.ToString() ?? "";

    private static TaskSource ParseSource(string item)
    {
        var parts = item.Split(':');
        var name = parts[0].Trim();
        if (name.Length == 0 || parts.Length > 2)
            throw new ArgumentException($"tasks: '{item}' is not NAME or NAME:WEIGHT; sources are {TaskDistribution.SourceList} ({FashionMnistAlias} for the first)");
        DatasetName dataset;
        if (string.Equals(name, FashionMnistAlias, StringComparison.OrdinalIgnoreCase)) dataset = DatasetName.FashionMnistMetaTrain;
        else if (!DatasetNames.TryParse(name, out dataset))
            throw new ArgumentException($"tasks: unknown source '{name}'; sources are {TaskDistribution.SourceList} ({FashionMnistAlias} for the first)");
        if (parts.Length == 1) return new TaskSource(dataset, 1);
        if (!int.TryParse(parts[1].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var weight) || weight < 1)
            throw new ArgumentException($"tasks: the weight of {name} must be a positive whole number, got '{parts[1].Trim()}'");
        return new TaskSource(dataset, weight);
    }

    private static (string Min, string Max) Bounds(string text, string what)
    {
        var parts = text.Split("..");
        return parts.Length switch
        {
            1 => (parts[0].Trim(), parts[0].Trim()),
            2 => (parts[0].Trim(), parts[1].Trim()),
            _ => throw new ArgumentException($"{what} '{text}': use MIN..MAX or one value"),
        };
    }
}
