using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.WarmStart;

public class FittedLossEpisodeSpecs
{
    private const int Episodes = 10;
    private static readonly EpisodeRunner Runner = new(TestData.Catalog);

    private static double[] Accuracies(LossSpec loss) =>
        Enumerable.Range(0, Episodes)
            .Select(i => Runner.Run(new EpisodeSpec(DatasetName.FashionMnistTest, loss, TaskSeed: (ulong)(100 + i), InitSeed: (ulong)(200 + i))))
            .Select(result =>
            {
                Assert.Equal(EpisodeOutcome.Completed, result.Outcome);
                return result.Fitness;
            })
            .ToArray();

    [Fact]
    public void Should_train_real_episodes_as_well_as_cross_entropy_when_fitted_to_it()
    {
        var crossEntropy = Accuracies(new LossSpec.CrossEntropy());
        var fitted = Accuracies(FittedLosses.AsLoss(FittedLosses.CrossEntropy));
        var meanDifference = fitted.Zip(crossEntropy, (f, c) => f - c).Average();
        Assert.InRange(meanDifference, -0.03, 0.03);
        Assert.True(crossEntropy.Average() > 0.3, $"CE itself should learn here, mean accuracy {crossEntropy.Average()}");
    }
}
