using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines.Families;

/// <summary>CE at its best constant learning rate: the paper's baseline, tuned.</summary>
public static class CrossEntropyBaseline
{
    /// <summary>Fine around the calibrated optimum (0.2 on train-split episodes), so a learned loss cannot win merely by acting like a rate the grid skipped.</summary>
    public static GridAxis<double> Rates { get; } =
        GridAxis.Rates("--ce-lr", "CE's constant learning rates to tune over", [0.05, 0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.3, 0.4]);

    public static BaselineFamily Family { get; } = new ConstantRateFamily("ce", "CE, constant lr", new LossSpec.CrossEntropy(), Rates);
}
