namespace MetaLoss.Training.Statistics;

/// <summary>Mean, sample standard deviation and a 95% confidence half-width of a sample.</summary>
public sealed record SampleSummary(int Count, double Mean, double StandardDeviation)
{
    public double StandardError => Count > 0 ? StandardDeviation / Math.Sqrt(Count) : double.NaN;

    /// <summary>Half-width of the two-sided 95% confidence interval of the mean (Student's t).</summary>
    public double ConfidenceHalfWidth95 => Count > 1 ? StudentT.Quantile975(Count - 1) * StandardError : double.NaN;

    public static SampleSummary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new SampleSummary(0, double.NaN, double.NaN);
        var mean = values.Average();
        var variance = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new SampleSummary(values.Count, mean, Math.Sqrt(variance));
    }

    public override string ToString() => $"{Mean:F4} +/- {StandardDeviation:F4} (n={Count})";
}
