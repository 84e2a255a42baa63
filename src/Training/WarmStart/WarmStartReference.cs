using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.WarmStart;

/// <summary>
/// What an initial MLN is fitted to: <see cref="Loss"/> as SGD at the run's learning rate would feel
/// it if the loss trained at its own rate and schedule instead. Plain SGD takes only lr x gradient
/// from a loss, so that is the loss's logit gradient times <see cref="RateRatio"/> (its initial rate
/// over the run's) times its schedule's factor at that point of an episode of <see cref="Steps"/>
/// steps. Only an MLN that sees the training progress can follow a schedule.
/// </summary>
public sealed record WarmStartReference(LossSpec Loss, double RateRatio, LearningRateSchedule Schedule, int Steps)
{
    /// <summary>The loss itself, at the run's rate throughout.</summary>
    public static WarmStartReference Plain(LossSpec loss) => new(loss, 1, LearningRateSchedule.Constant, 1);

    /// <summary>
    /// The factor on the loss's gradient at <paramref name="progress"/>, the step / steps an MLN sees;
    /// the schedule's own progress is step / (steps - 1), as <see cref="EpisodeSpec.LearningRateAt"/> counts it.
    /// </summary>
    public double GradientScale(double progress) =>
        RateRatio * Schedule.Factor(Steps <= 1 ? 0 : progress * Steps / (Steps - 1));

    /// <summary>Whether the fit must follow a schedule, which an MLN without the progress input cannot.</summary>
    public bool Scheduled => Schedule.Decay != LearningRateDecay.Constant;

    public string Label => Scheduled || RateRatio != 1
        ? $"{Loss.Label} at {RateRatio:G3}x the run's lr, {Schedule}"
        : Loss.Label;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Loss);
        ArgumentNullException.ThrowIfNull(Schedule);
        Schedule.Validate();
        if (!(RateRatio > 0) || !double.IsFinite(RateRatio))
            throw new ArgumentException($"a warm start's rate ratio must be finite and positive, was {RateRatio}", nameof(RateRatio));
        if (Steps < 1) throw new ArgumentException($"a warm start's episode must have at least one step, had {Steps}", nameof(Steps));
    }
}
