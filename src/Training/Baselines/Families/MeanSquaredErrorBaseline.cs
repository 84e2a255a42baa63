using MetaLoss.Training.Models;

namespace MetaLoss.Training.Baselines.Families;

/// <summary>MSE (the Brier score) at its best constant learning rate: the paper's other baseline, tuned.</summary>
public static class MeanSquaredErrorBaseline
{
    /// <summary>Around the calibrated optimum (0.5 on train-split episodes).</summary>
    public static GridAxis<double> Rates { get; } =
        GridAxis.Rates("--mse-lr", "MSE's constant learning rates to tune over", [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.2]);

    public static BaselineFamily Family { get; } = new ConstantRateFamily("mse", "MSE, constant lr", new LossSpec.MeanSquaredError(), Rates);
}
