using MetaLoss.Training.Evaluation;
using MetaLoss.Training.Statistics;

namespace MetaLoss.Training.Baselines;

/// <summary>One grid point of baseline tuning and its accuracy over the tuning episodes.</summary>
public sealed record TuningRow(BaselineFamily Family, LossSetting Setting, SampleSummary Accuracy);
