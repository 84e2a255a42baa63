using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines.Families;

/// <summary>
/// Focal loss with a decaying schedule. Gamma reaches far above the focal-loss paper's 2 (Lin et al.
/// 2017): on FashionMNIST's 20-step episodes, tuning accuracy rose with gamma up to about 6 and fell
/// slowly beyond (20 meta-training episodes per point), since down-weighting the rows already right
/// also decays the step as training goes, like a schedule.
/// </summary>
public static class FocalBaseline
{
    public static GridAxis<double> Gammas { get; } = GridAxis.Numbers("--focal-gamma",
        "focal loss's gammas to tune over (crossed with the variant schedules)", [1, 2, 4, 6, 8], g => g >= 0 && double.IsFinite(g), "numbers of at least 0");

    public static BaselineFamily Family { get; } = new ScheduledFamily("focal", "focal loss, decaying lr",
        "focal (tuned)", ScheduleAxes.Variants, Gammas, g => new LossSpec.Focal(g));
}
