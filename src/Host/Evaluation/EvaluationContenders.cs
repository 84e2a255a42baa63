using MetaLoss.Training.Baselines;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Evaluation;

/// <summary>
/// The losses an evaluation compares, in report order: the paper's CE and MSE at the run's own
/// learning rate, the baselines tuned on meta-training episodes, and the run's MLN at the run's lr.
/// </summary>
public static class EvaluationContenders
{
    public static IReadOnlyList<Contender> Baselines(double runLearningRate, TunedBaselines tuned)
    {
        var crossEntropy = new LossSetting(new LossSpec.CrossEntropy(), runLearningRate);
        var meanSquaredError = new LossSetting(new LossSpec.MeanSquaredError(), runLearningRate);
        return
        [
            new("CE (run lr)", crossEntropy),
            new(TunedName("CE", tuned.CrossEntropy, crossEntropy), tuned.CrossEntropy),
            new("CE (tuned schedule)", tuned.CrossEntropySchedule),
            new(TunedName("MSE", tuned.MeanSquaredError, meanSquaredError), tuned.MeanSquaredError),
            new("MSE (run lr)", meanSquaredError),
        ];
    }

    /// <summary>Says so when tuning chose the run's own lr: the two rows are then the same, and one line hides the other in the plots.</summary>
    private static string TunedName(string loss, LossSetting tuned, LossSetting atRunRate) =>
        tuned == atRunRate ? $"{loss} (tuned lr = run lr)" : $"{loss} (tuned lr)";

    public static Contender Mln(double runLearningRate, MlnFile mln) =>
        new("MLN (run lr)", new LossSetting(new LossSpec.MetaLoss(mln.Architecture, mln.Parameters), runLearningRate));
}
