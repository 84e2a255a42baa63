namespace MetaLoss.Training.Baselines;

/// <summary>The kinds of tuned baseline: each gets its own best setting from the grid.</summary>
public enum BaselineFamily
{
    CrossEntropyConstant,
    MeanSquaredErrorConstant,
    CrossEntropySchedule,
}
