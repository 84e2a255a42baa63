using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines.Families;

/// <summary>
/// CE with label smoothing and a decaying schedule: learned losses have been found to act largely as
/// label smoothing plus a learning-rate scale (Raymond et al. 2023), so this is the bar they must clear.
/// </summary>
public static class LabelSmoothingBaseline
{
    public static GridAxis<double> Epsilons { get; } = GridAxis.Numbers("--label-smoothing-eps",
        "label smoothing's epsilons to tune over (crossed with the variant schedules)", [0.05, 0.1, 0.2, 0.3, 0.4], e => e is >= 0 and < 1, "numbers in [0, 1)");

    public static BaselineFamily Family { get; } = new ScheduledFamily("label-smoothing", "CE + label smoothing, decaying lr",
        "CE + label smoothing (tuned)", ScheduleAxes.Variants, Epsilons, e => new LossSpec.LabelSmoothing(e));
}
