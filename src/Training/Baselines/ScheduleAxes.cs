using MetaLoss.Training.Episodes;

namespace MetaLoss.Training.Baselines;

/// <summary>The three axes of a decaying schedule: initial rates, decays and final fractions, crossed.</summary>
public sealed record ScheduleAxes(GridAxis<double> Rates, GridAxis<LearningRateDecay> Decays, GridAxis<double> FinalFractions)
{
    public IReadOnlyList<GridAxis> All => [Rates, Decays, FinalFractions];

    /// <summary>Every (initial rate, schedule) of <paramref name="grid"/>: rate-major, then decay, then final fraction.</summary>
    public IEnumerable<(double Rate, LearningRateSchedule Schedule)> Points(BaselineGrid grid) =>
        from lr in grid.Values(Rates)
        from decay in grid.Values(Decays)
        from fraction in grid.Values(FinalFractions)
        select (lr, new LearningRateSchedule(decay, fraction));

    /// <summary>
    /// CE's schedules: every decay and final fraction, initial rates at or above CE's best constant
    /// rate (0.2 on train-split episodes), since a decay only pays if the early steps can be bigger.
    /// </summary>
    public static ScheduleAxes CrossEntropy { get; } = new(
        GridAxis.Rates("--schedule-lr", "initial learning rates of CE's decaying schedules", [0.2, 0.3, 0.4, 0.5, 0.6]),
        GridAxis.Decays("--schedule-decays", "decays of CE's schedules: linear, cosine", [LearningRateDecay.Linear, LearningRateDecay.Cosine]),
        GridAxis.FinalFractions("--schedule-final", "final learning rate of CE's schedules, as a fraction of the initial one", [0.1, 0.25, 0.5]));

    /// <summary>
    /// The reduced schedule grid CE's variants (label smoothing, Poly-1, focal) are tuned over, crossed
    /// with each one's parameter: CE's full search chose cosine decay to 0.25x on FashionMNIST's
    /// 20-step regime (and 0.5x did worse for the variants too), so the shape is kept and only the
    /// rate is searched, wider than CE's since a variant's parameter rescales its gradient (the best
    /// rates seen: focal 0.4, Poly-1 0.6, label smoothing with eps 0.3 to 0.4 0.7 to 0.8).
    /// </summary>
    public static ScheduleAxes Variants { get; } = new(
        GridAxis.Rates("--variant-schedule-lr", "initial learning rates of the CE variants' schedules (label smoothing, Poly-1, focal)", [0.3, 0.4, 0.5, 0.6, 0.8]),
        GridAxis.Decays("--variant-schedule-decays", "decays of the CE variants' schedules: linear, cosine", [LearningRateDecay.Cosine]),
        GridAxis.FinalFractions("--variant-schedule-final", "final learning rate of the CE variants' schedules, as a fraction of the initial one", [0.25]));
}
