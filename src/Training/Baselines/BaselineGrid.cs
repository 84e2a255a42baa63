using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines;

/// <summary>
/// The settings the baselines are tuned over: constant learning rates for CE and for MSE, and for
/// CE with a decaying schedule every (initial rate, decay, final fraction) combination.
/// </summary>
public sealed record BaselineGrid(
    IReadOnlyList<double> CrossEntropyRates,
    IReadOnlyList<double> MeanSquaredErrorRates,
    IReadOnlyList<double> ScheduleRates,
    IReadOnlyList<LearningRateDecay> ScheduleDecays,
    IReadOnlyList<double> ScheduleFinalFractions)
{
    /// <summary>
    /// Fine around the calibrated optima (CE 0.2, MSE 0.5 on train-split episodes), so that a learned
    /// loss cannot win merely by acting like a constant rate the grid skipped; schedules start at or
    /// above CE's best constant rate, since a decay only pays if the early steps can be bigger.
    /// </summary>
    public static BaselineGrid Default { get; } = new(
        [0.05, 0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.3, 0.4],
        [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.2],
        [0.2, 0.3, 0.4, 0.5, 0.6],
        [LearningRateDecay.Linear, LearningRateDecay.Cosine],
        [0.1, 0.25, 0.5]);

    public IReadOnlyList<(BaselineFamily Family, LossSetting Setting)> Candidates()
    {
        Validate();
        var candidates = new List<(BaselineFamily, LossSetting)>();
        candidates.AddRange(CrossEntropyRates.Select(lr => (BaselineFamily.CrossEntropyConstant, new LossSetting(new LossSpec.CrossEntropy(), lr))));
        candidates.AddRange(MeanSquaredErrorRates.Select(lr => (BaselineFamily.MeanSquaredErrorConstant, new LossSetting(new LossSpec.MeanSquaredError(), lr))));
        candidates.AddRange(
            from lr in ScheduleRates
            from decay in ScheduleDecays
            from fraction in ScheduleFinalFractions
            select (BaselineFamily.CrossEntropySchedule, new LossSetting(new LossSpec.CrossEntropy(), lr, new LearningRateSchedule(decay, fraction))));
        return candidates;
    }

    private void Validate()
    {
        foreach (var (name, rates) in new[] { ("CE", CrossEntropyRates), ("MSE", MeanSquaredErrorRates), ("schedule", ScheduleRates) })
        {
            if (rates.Count == 0) throw new ArgumentException($"the {name} learning-rate grid is empty");
            if (rates.Any(lr => !(lr > 0) || double.IsInfinity(lr)))
                throw new ArgumentException($"the {name} learning-rate grid needs positive numbers, got {string.Join(", ", rates)}");
        }
        if (ScheduleDecays.Count == 0 || ScheduleDecays.Contains(LearningRateDecay.Constant))
            throw new ArgumentException("the schedule grid needs one or more decays (linear, cosine); constant rates are the CE grid's");
        if (ScheduleFinalFractions.Count == 0) throw new ArgumentException("the schedule's final-fraction grid is empty");
        foreach (var fraction in ScheduleFinalFractions) new LearningRateSchedule(LearningRateDecay.Linear, fraction).Validate();
    }
}
