namespace MetaLoss.Training.Evolution;

/// <summary>
/// Orders candidates best first: higher fitness wins, NaN ranks below everything, and equal
/// fitness goes to the lower candidate index, so selection never depends on sort internals.
/// </summary>
internal static class FitnessRanking
{
    public static int[] BestFirst(IReadOnlyList<double> fitness)
    {
        var order = Enumerable.Range(0, fitness.Count).ToArray();
        Array.Sort(order, (a, b) => Compare(fitness, a, b));
        return order;
    }

    private static int Compare(IReadOnlyList<double> fitness, int a, int b)
    {
        double fa = fitness[a], fb = fitness[b];
        var aIsNaN = double.IsNaN(fa);
        var bIsNaN = double.IsNaN(fb);
        if (aIsNaN != bIsNaN) return aIsNaN ? 1 : -1;
        if (!aIsNaN && fa != fb) return fa > fb ? -1 : 1;
        return a.CompareTo(b);
    }
}
