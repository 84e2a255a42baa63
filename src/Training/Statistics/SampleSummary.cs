namespace MetaLoss.Training.Statistics;

/// <summary>Mean and sample standard deviation of a sample (the host adds Student's t intervals).</summary>
public sealed record SampleSummary(int Count, double Mean, double StandardDeviation)
{
    public static SampleSummary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new SampleSummary(0, double.NaN, double.NaN);
        var mean = values.Average();
        var variance = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new SampleSummary(values.Count, mean, Math.Sqrt(variance));
    }

    public override string ToString() => $"{Mean:F4} +/- {StandardDeviation:F4} (n={Count})";
}
