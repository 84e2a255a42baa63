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
    public static IReadOnlyList<Contender> Baselines(double runLearningRate, TunedBaselines tuned) =>
    [
        new("CE (run lr)", new LossSetting(new LossSpec.CrossEntropy(), runLearningRate)),
        .. tuned.Chosen.Select(c => new Contender(c.Family.ContenderName(c.Setting, runLearningRate), c.Setting)),
        new("MSE (run lr)", new LossSetting(new LossSpec.MeanSquaredError(), runLearningRate)),
    ];

    public static Contender Mln(double runLearningRate, MlnFile mln) =>
        new("MLN (run lr)", new LossSetting(new LossSpec.MetaLoss(mln.Architecture, mln.Parameters), runLearningRate));
}
