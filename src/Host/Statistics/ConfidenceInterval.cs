using MetaLoss.Training.Statistics;

namespace MetaLoss.Host.Statistics;

/// <summary>
/// Student's t confidence intervals of a sample's mean. They live in the host, beside the reports
/// that print them, so the MetaLoss.Training package does not carry a statistics library.
/// </summary>
public static class ConfidenceInterval
{
    extension(SampleSummary summary)
    {
        public double StandardError => summary.Count > 0 ? summary.StandardDeviation / Math.Sqrt(summary.Count) : double.NaN;

        /// <summary>Half-width of the two-sided 95% confidence interval of the mean.</summary>
        public double ConfidenceHalfWidth95 =>
            summary.Count > 1 ? StudentT.Quantile975(summary.Count - 1) * summary.StandardError : double.NaN;
    }
}
