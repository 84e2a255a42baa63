using MetaLoss.Training.Episodes;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>Two episode results equal bit for bit: outcome, fitness and every point of every curve.</summary>
public static class SameResult
{
    public static void Assert(EpisodeResult expected, EpisodeResult actual, string what)
    {
        Xunit.Assert.True(expected.Outcome == actual.Outcome, $"{what}: outcome {actual.Outcome}, expected {expected.Outcome}");
        Xunit.Assert.True(BitConverter.DoubleToInt64Bits(expected.Fitness) == BitConverter.DoubleToInt64Bits(actual.Fitness),
            $"{what}: fitness {actual.Fitness:R}, expected {expected.Fitness:R}");
        AssertCurve(expected.TrainLoss, actual.TrainLoss, $"{what}: training loss");
        AssertCurve(expected.TrainAccuracy, actual.TrainAccuracy, $"{what}: training accuracy");
        AssertCurve(expected.ValidationAccuracy, actual.ValidationAccuracy, $"{what}: validation accuracy");
    }

    private static void AssertCurve(float[] expected, float[] actual, string what)
    {
        Xunit.Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} points, expected {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Xunit.Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what} at step {i}: {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
