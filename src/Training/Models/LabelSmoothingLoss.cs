using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// Cross-entropy against targets smoothed towards uniform, q = (1 - eps) y + eps / K: per row
/// -(1 - eps) log p_t - eps mean_k log p_k, averaged over the rows; [B, K] or [P, B, K] (see
/// <see cref="ILoss"/>). Its logit gradient is (p - q) / B.
/// </summary>
public sealed class LabelSmoothingLoss : ILoss
{
    // Kept for the loss's lifetime: a temporary Scalar may be freed while libtorch reads it (see TorchScalars).
    private readonly Scalar _targetWeight;
    private readonly Scalar _uniformWeight;

    public LabelSmoothingLoss(double epsilon)
    {
        Checked(epsilon);
        _targetWeight = (1 - epsilon).ToScalar();
        _uniformWeight = epsilon.ToScalar();
    }

    /// <summary><paramref name="epsilon"/> if it is in [0, 1); otherwise an ArgumentException.</summary>
    public static double Checked(double epsilon) =>
        LossParameters.Check(epsilon is >= 0 and < 1, "label smoothing's epsilon", epsilon, "in [0, 1)");

    public Tensor Compute(Tensor logits, Tensor oneHotTargets)
    {
        using var logProbabilities = logits.log_softmax(-1);
        using var perElement = logProbabilities.mul(oneHotTargets);
        using var perSample = perElement.sum(-1);
        using var uniform = logProbabilities.mean([-1]);
        perSample.mul_(_targetWeight).add_(uniform, _uniformWeight);
        return perSample.mean([-1]).neg_();
    }

    public void Dispose()
    {
        _targetWeight.Dispose();
        _uniformWeight.Dispose();
    }
}
