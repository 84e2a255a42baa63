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
        Assert.Equal(expected.BestValidated is null, actual.BestValidated is null);
        if (expected.BestValidated is { } best)
            Assert.Equal((best.Generation, best.Candidate, best.Genome, best.Score),
                (actual.BestValidated!.Generation, actual.BestValidated.Candidate, actual.BestValidated.Genome, actual.BestValidated.Score));
    }

    private static IEnumerable<(long, long, long, int, long?)> Bits(IEnumerable<GenerationSummary> history) =>
        history.Select(g => (g.Generation, BitConverter.DoubleToInt64Bits(g.BestFitness),
            BitConverter.DoubleToInt64Bits(g.MeanFitness), g.FlaggedEpisodes,
            g.BestValidationScore is { } score ? BitConverter.DoubleToInt64Bits(score) : (long?)null)).ToList();
}
