using MetaLoss.Training.Baselines;
using MetaLoss.Training.Baselines.Families;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Training.Tests.Baselines;

/// <summary>Grids small enough for a test: every family, one to two points each (9 in all).</summary>
public static class SmallGrids
{
    public static BaselineGrid EveryFamily { get; } = BaselineGrid.Default
        .With(CrossEntropyBaseline.Rates, [0.05, 0.2])
        .With(MeanSquaredErrorBaseline.Rates, [0.5])
        .With(ScheduleAxes.CrossEntropy.Rates, [0.3])
        .With(ScheduleAxes.CrossEntropy.Decays, [LearningRateDecay.Linear, LearningRateDecay.Cosine])
        .With(ScheduleAxes.CrossEntropy.FinalFractions, [0.25])
        .With(LabelSmoothingBaseline.Epsilons, [0.1, 0.2])
        .With(PolyOneBaseline.Epsilons, [1])
        .With(FocalBaseline.Gammas, [2])
        .With(ScheduleAxes.Variants.Rates, [0.4]);

    public const int EveryFamilyPoints = 9;
}
