using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines.Families;

/// <summary>
/// Poly-1 with a decaying schedule. The Poly-1 paper (Leng et al. 2022) found the best epsilon
/// anywhere from -1 to a few units depending on the task, so both signs are searched.
/// </summary>
public static class PolyOneBaseline
{
    public static GridAxis<double> Epsilons { get; } = GridAxis.Numbers("--poly1-eps",
        "Poly-1's epsilons to tune over (crossed with the variant schedules)", [-1, -0.5, 0.5, 1, 2], e => e >= -1 && double.IsFinite(e), "numbers of at least -1");

    public static BaselineFamily Family { get; } = new ScheduledFamily("poly1", "Poly-1, decaying lr",
        "Poly-1 (tuned)", ScheduleAxes.Variants, Epsilons, e => new LossSpec.PolyOne(e));
}
