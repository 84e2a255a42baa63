using MetaLoss.Training.Baselines;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// The losses an evaluation compares, in report order: the paper's CE at the run's own learning
/// rate, every tuned baseline family (tuned on meta-training episodes) in the grid's order, MSE at
/// the run's lr, and the run's MLN at the run's lr.
/// </summary>
public static class EvaluationContenders
{
    private const string CrossEntropyAtRunRate = "CE (run lr)";
    private const string MeanSquaredErrorAtRunRate = "MSE (run lr)";

    public static IReadOnlyList<Contender> Baselines(double runLearningRate, TunedBaselines tuned) =>
    [
        new(CrossEntropyAtRunRate, new LossSetting(new LossSpec.CrossEntropy(), runLearningRate)),
        .. tuned.Chosen.Select(c => new Contender(c.Family.ContenderName(c.Setting, runLearningRate), c.Setting)),
        new(MeanSquaredErrorAtRunRate, new LossSetting(new LossSpec.MeanSquaredError(), runLearningRate)),
    ];

    /// <summary>
    /// Names for <see cref="Baselines"/>, in the same order, that do not depend on what tuning chose (a
    /// tuned family goes by its title): column headers for a table whose rows were tuned separately.
    /// </summary>
    public static IReadOnlyList<string> BaselineColumns(TunedBaselines tuned) =>
        [CrossEntropyAtRunRate, .. tuned.Chosen.Select(c => c.Family.Title), MeanSquaredErrorAtRunRate];

    public static Contender Mln(double runLearningRate, MlnFile mln) =>
        new("MLN (run lr)", new LossSetting(new LossSpec.MetaLoss(mln.Architecture, mln.Parameters), runLearningRate));
}
