using MetaLoss.Training.Statistics;

namespace MetaLoss.Host.Statistics;

/// <summary>
/// A paired comparison of two losses scored on the same episodes: the per-episode differences
/// (first minus second), their mean, sample standard deviation and 95% confidence interval
/// (Student's t), the paired t statistic with its two-sided p-value, and how often the first won,
/// tied or lost. Pairing removes the episode-to-episode spread both losses share.
/// </summary>
public sealed record PairedComparison(
    int Count,
    double MeanDifference,
    double StandardDeviation,
    double ConfidenceLow,
    double ConfidenceHigh,
    double T,
    double PValue,
    int Wins,
    int Ties,
    int Losses)
{
    public static PairedComparison Of(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        if (first.Count != second.Count)
            throw new ArgumentException($"a paired comparison needs as many scores on each side, got {first.Count} and {second.Count}");
        if (first.Count == 0) throw new ArgumentException("a paired comparison needs at least one pair");
        var differences = first.Zip(second, (a, b) => a - b).ToList();
        var summary = SampleSummary.Of(differences);
        var wins = first.Zip(second, (a, b) => a > b).Count(won => won);
        var ties = first.Zip(second, (a, b) => a == b).Count(tied => tied);
        var losses = first.Count - wins - ties;
        if (summary.Count < 2)
            return new(summary.Count, summary.Mean, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, wins, ties, losses);

        var halfWidth = summary.ConfidenceHalfWidth95;
        // Identical differences: no spread, so the sign of the mean decides (0/0 would be NaN).
        var t = summary.StandardError == 0
            ? summary.Mean == 0 ? 0 : Math.CopySign(double.PositiveInfinity, summary.Mean)
            : summary.Mean / summary.StandardError;
        var degreesOfFreedom = summary.Count - 1;
        return new(summary.Count, summary.Mean, summary.StandardDeviation, summary.Mean - halfWidth, summary.Mean + halfWidth,
            t, StudentT.TwoSidedPValue(t, degreesOfFreedom), wins, ties, losses);
    }
}
