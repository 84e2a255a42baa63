namespace MetaLoss.Training.Statistics;

/// <summary>
/// Per step, the mean and sample standard deviation of several episodes' curves: a learning curve
/// with a +/- 1 std band. Curves may be ragged (an episode whose loss went non-finite stops early);
/// each step counts the episodes that reached it.
/// </summary>
public sealed record CurveBand(double[] Mean, double[] StandardDeviation, int[] Count)
{
    public int Steps => Mean.Length;

    public static CurveBand Of(IReadOnlyCollection<IReadOnlyList<double>> curves)
    {
        var steps = curves.Count == 0 ? 0 : curves.Max(c => c.Count);
        var perStep = Enumerable.Range(0, steps)
            .Select(step => SampleSummary.Of(curves.Where(c => c.Count > step).Select(c => c[step]).ToList()))
            .ToList();
        return new CurveBand(
            [.. perStep.Select(s => s.Mean)],
            [.. perStep.Select(s => s.StandardDeviation)],
            [.. perStep.Select(s => s.Count)]);
    }

    public static CurveBand Of(IEnumerable<float[]> curves) =>
        Of(curves.Select(c => (IReadOnlyList<double>)c.Select(x => (double)x).ToArray()).ToList());
}
