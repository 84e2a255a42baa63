using MetaLoss.Host.Statistics;
using MetaLoss.Training.Baselines;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// One setting's scores: every baseline and the MLN on the same test episodes, and the MLN against
/// the baseline with the best mean test accuracy. Picking the best on the test episodes themselves
/// favours the baselines (the best of several means is biased upwards), so a win here is conservative.
/// </summary>
public sealed record TransferRow(TransferSetting Setting, TunedBaselines Tuned, IReadOnlyList<ContenderScores> Baselines, ContenderScores Mln)
{
    /// <summary>The first of equal means wins, so ties go to the earlier contender in report order.</summary>
    public ContenderScores BestBaseline => Baselines.MaxBy(b => b.Accuracy.Mean)!;

    /// <summary>MLN minus the best baseline, episode by episode.</summary>
    public PairedComparison Comparison => PairedComparison.Of(Mln.Fitness, BestBaseline.Fitness);
}
