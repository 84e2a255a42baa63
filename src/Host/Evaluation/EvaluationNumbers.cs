using System.Globalization;

namespace MetaLoss.Host.Evaluation;

/// <summary>How the reports print numbers: invariant culture, three decimals for accuracies, a sign on differences.</summary>
public static class EvaluationNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Accuracy(double value) => value.ToString("F3", Invariant);

    public static string Difference(double value) => value.ToString("+0.000;-0.000;0.000", Invariant);

    public static string Interval(double low, double high, Func<double, string> format) => $"[{format(low)}, {format(high)}]";

    public static string T(double value) => double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf") : value.ToString("F2", Invariant);

    public static string P(double value) => value >= 0.001 || value == 0 || double.IsNaN(value)
        ? value.ToString("F3", Invariant)
        : value.ToString("0.0E+0", Invariant);
}
