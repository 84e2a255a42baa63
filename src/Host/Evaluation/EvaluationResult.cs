using MetaLoss.Training.Baselines;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Evaluation;

/// <summary>Everything one `metaloss evaluate` measured, for the reports and figures.</summary>
/// <param name="Template">The episode settings every loss was scored with (dataset and loss vary).</param>
public sealed record EvaluationResult(
    EvaluatedRun Run,
    EpisodeSpec Template,
    int Episodes,
    int CurveEpisodes,
    ulong Seed,
    TunedBaselines Tuned,
    IReadOnlyList<DatasetEvaluation> Datasets)
{
    public double RunLearningRate => Template.LearningRate;

    /// <summary>Per step, the tuned schedule's learning rate over the run's: its step size relative to CE at the run's lr.</summary>
    public double[] TunedScheduleRatio
    {
        get
        {
            var schedule = Tuned.CrossEntropySchedule.ApplyTo(Template);
            return [.. Enumerable.Range(0, Template.Steps).Select(step => schedule.LearningRateAt(step) / RunLearningRate)];
        }
    }
}
