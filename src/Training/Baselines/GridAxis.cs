using System.Globalization;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Training.Baselines;

/// <summary>
/// One list of values the baselines are tuned over (e.g. CE's learning rates), named by the
/// command-line option that sets it; a family names the axes it reads, so the options follow the families.
/// </summary>
public abstract class GridAxis(string option, string description)
{
    /// <summary>The option that sets it, e.g. "--ce-lr".</summary>
    public string Option { get; } = option;

    public string Description { get; } = description;

    /// <summary>The default values as the option would be written.</summary>
    public abstract string DefaultText { get; }

    /// <summary><paramref name="grid"/> with this axis read from comma-separated <paramref name="text"/>; one line naming the option if it cannot be.</summary>
    public abstract BaselineGrid Read(BaselineGrid grid, string text);

    /// <summary>Throws, naming the option, unless <paramref name="grid"/>'s values of this axis are usable.</summary>
    public abstract void Check(BaselineGrid grid);

    public override string ToString() => Option;

    /// <summary>Learning rates: positive, finite numbers.</summary>
    public static GridAxis<double> Rates(string option, string description, IReadOnlyList<double> defaults) =>
        Numbers(option, description, defaults, lr => lr > 0 && double.IsFinite(lr), "positive numbers");

    /// <summary>A schedule's final learning rate as a fraction of its initial one.</summary>
    public static GridAxis<double> FinalFractions(string option, string description, IReadOnlyList<double> defaults) =>
        Numbers(option, description, defaults, f => f is >= 0 and <= 1, "fractions between 0 and 1");

    public static GridAxis<double> Numbers(string option, string description, IReadOnlyList<double> defaults, Func<double, bool> valid, string range) =>
        new(option, description, defaults,
            s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
            v => v.ToString(CultureInfo.InvariantCulture),
            v => valid(v) ? null : $"needs {range}");

    public static GridAxis<LearningRateDecay> Decays(string option, string description, IReadOnlyList<LearningRateDecay> defaults) =>
        new(option, description, defaults,
            s => s.ToLowerInvariant() switch
            {
                "linear" => LearningRateDecay.Linear,
                "cosine" => LearningRateDecay.Cosine,
                _ => throw new ArgumentException($"{option}: unknown decay '{s}'; use linear or cosine"),
            },
            d => d.ToString().ToLowerInvariant(),
            d => d is LearningRateDecay.Linear or LearningRateDecay.Cosine ? null : "needs decays (linear, cosine); constant rates are the constant-lr families'");
}

/// <summary>An axis of values of type <typeparamref name="T"/>, with how they are read, written and checked.</summary>
public sealed class GridAxis<T>(
    string option,
    string description,
    IReadOnlyList<T> defaults,
    Func<string, T> parse,
    Func<T, string> format,
    Func<T, string?> problem) : GridAxis(option, description)
{
    public IReadOnlyList<T> Defaults { get; } = defaults;

    public override string DefaultText => string.Join(",", Defaults.Select(format));

    public override BaselineGrid Read(BaselineGrid grid, string text) => grid.With(this, Parse(text));

    public IReadOnlyList<T> Parse(string text)
    {
        try
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"{Option}: cannot read '{text}'");
        }
    }

    public override void Check(BaselineGrid grid)
    {
        var values = grid.Values(this);
        if (values.Count == 0) throw new ArgumentException($"{Option}: the grid is empty; give one or more values");
        foreach (var value in values)
            if (problem(value) is { } why)
                throw new ArgumentException($"{Option} {why}, got {string.Join(", ", values.Select(format))}");
    }
}
