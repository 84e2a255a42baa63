namespace MetaLoss.Training.Probes;

/// <summary>
/// Per inner step (before its update): the training loss, and the trained loss's logit gradient
/// relative to cross-entropy's at the same classifier state — the norm ratio ||g|| / ||g_CE|| (an
/// effective step-size multiplier) and the cosine (1 means the loss only rescales CE's direction).
/// An episode whose loss turned non-finite stops early, so its arrays are shorter than its steps.
/// </summary>
public sealed record GradientProbeResult(float[] TrainLoss, double[] NormRatio, double[] Cosine)
{
    /// <summary>Per-step means over episodes, each step over the episodes that reached it.</summary>
    public static GradientProbeResult Mean(IReadOnlyCollection<GradientProbeResult> episodes)
    {
        if (episodes.Count == 0) throw new ArgumentException("no episodes to average", nameof(episodes));
        var steps = episodes.Max(e => e.TrainLoss.Length);
        return new GradientProbeResult(
            StepMeans(episodes, e => e.TrainLoss.Select(x => (double)x).ToArray(), steps).Select(x => (float)x).ToArray(),
            StepMeans(episodes, e => e.NormRatio, steps),
            StepMeans(episodes, e => e.Cosine, steps));
    }

    private static double[] StepMeans(IReadOnlyCollection<GradientProbeResult> episodes, Func<GradientProbeResult, double[]> curve, int steps)
    {
        var curves = episodes.Select(curve).ToArray();
        return Enumerable.Range(0, steps)
            .Select(step => curves.Where(c => c.Length > step).Average(c => c[step]))
            .ToArray();
    }
}
