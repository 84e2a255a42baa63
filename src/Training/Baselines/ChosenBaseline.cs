using MetaLoss.Training.Evaluation;

namespace MetaLoss.Training.Baselines;

/// <summary>A family's best grid point on the tuning episodes.</summary>
public sealed record ChosenBaseline(BaselineFamily Family, LossSetting Setting);
