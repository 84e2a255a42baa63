using MetaLoss.Training.Episodes;

namespace MetaLoss.Training.Tests.Episodes;

/// <summary>
/// Two results of the same episode computed in different groups: products of another shape may round
/// differently, so the curves agree closely but not bit for bit. Losses within a relative 1e-3;
/// accuracies (fractions of rows, where a rounding difference can flip a prediction near a tie) within 0.01.
/// </summary>
public static class CloseResult
{
    private const double LossTolerance = 1e-3;
    private const double AccuracyTolerance = 0.01;

    public static void Assert(EpisodeResult expected, EpisodeResult actual, string what)
    {
        Xunit.Assert.True(expected.Outcome == actual.Outcome, $"{what}: outcome {actual.Outcome}, expected {expected.Outcome}");
        Xunit.Assert.True(Math.Abs(expected.Fitness - actual.Fitness) <= AccuracyTolerance, $"{what}: fitness {actual.Fitness:R}, expected {expected.Fitness:R}");
        AssertCurve(expected.TrainLoss, actual.TrainLoss, LossTolerance, relative: true, $"{what}: training loss");
        AssertCurve(expected.TrainAccuracy, actual.TrainAccuracy, AccuracyTolerance, relative: false, $"{what}: training accuracy");
        AssertCurve(expected.ValidationAccuracy, actual.ValidationAccuracy, AccuracyTolerance, relative: false, $"{what}: validation accuracy");
    }

    private static void AssertCurve(float[] expected, float[] actual, double tolerance, bool relative, string what)
    {
        Xunit.Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} points, expected {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            var allowed = relative ? tolerance * Math.Max(1, Math.Abs(expected[i])) : tolerance;
            Xunit.Assert.True(Math.Abs(expected[i] - actual[i]) <= allowed, $"{what} at step {i}: {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
