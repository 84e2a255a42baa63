using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines.Families;

/// <summary>Focal loss with a decaying schedule; gamma around the focal-loss paper's 2 (Lin et al. 2017).</summary>
public static class FocalBaseline
{
    public static GridAxis<double> Gammas { get; } = GridAxis.Numbers("--focal-gamma",
        "focal loss's gammas to tune over (crossed with the variant schedules)", [0.5, 1, 2, 3], g => g >= 0 && double.IsFinite(g), "numbers of at least 0");

    public static BaselineFamily Family { get; } = new ScheduledFamily("focal", "focal loss, decaying lr",
        "focal (tuned)", ScheduleAxes.Variants, Gammas, g => new LossSpec.Focal(g));
}
