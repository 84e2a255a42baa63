namespace MetaLoss.Training.Models;

/// <summary>Members of a batched classifier that take an SGD step with the same learning rate.</summary>
public sealed record SgdGroup(double LearningRate, long[] Members)
{
    /// <summary>The members still training (live), grouped by learning rate; flagged members are left out.</summary>
    public static IReadOnlyList<SgdGroup> Of(IReadOnlyList<double> learningRates, IReadOnlyList<bool> live) =>
        Enumerable.Range(0, learningRates.Count)
            .Where(p => live[p])
            .GroupBy(p => learningRates[p])
            .Select(g => new SgdGroup(g.Key, g.Select(p => (long)p).ToArray()))
            .ToList();
}
