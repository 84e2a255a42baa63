using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Tests.Population;

public static class RunAssert
{
    /// <summary>Same generation, per-generation history bit for bit, and the same best genome bit for bit.</summary>
    public static void SameRun(RunStatus expected, RunStatus actual)
    {
        Assert.Equal(expected.Generation, actual.Generation);
        Assert.Equal(expected.Finished, actual.Finished);
        Assert.Equal(Bits(expected.History), Bits(actual.History));
        Assert.NotNull(actual.Best);
        Assert.Equal(expected.Best, actual.Best);
    }

    private static IEnumerable<(long, long, long, int)> Bits(IEnumerable<GenerationSummary> history) =>
        history.Select(g => (g.Generation, BitConverter.DoubleToInt64Bits(g.BestFitness),
            BitConverter.DoubleToInt64Bits(g.MeanFitness), g.FlaggedEpisodes)).ToList();
}
