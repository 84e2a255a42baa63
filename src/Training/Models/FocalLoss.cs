using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// Focal loss (Lin et al., ICCV 2017) over a softmax: -(1 - p_t)^gamma log p_t per row, averaged
/// over the rows; [B, K] or [P, B, K] (see <see cref="ILoss"/>); one-hot targets. gamma = 0 is
/// cross-entropy; a larger gamma down-weights the rows already classified well.
/// </summary>
public sealed class FocalLoss : ILoss
{
    /// <summary>
    /// Added to 1 - p_t before the power: where p_t rounds to 1, d(x^gamma)/dx is infinite for
    /// gamma below 1, and its product with log p_t = 0 would make the gradient NaN instead of 0.
    /// </summary>
    private static readonly Scalar Floor = 1e-30f.ToScalar();

    // Kept for the loss's lifetime: a temporary Scalar may be freed while libtorch reads it (see TorchScalars).
    private readonly Scalar _gamma;

    public FocalLoss(double gamma)
    {
        Checked(gamma);
        _gamma = gamma.ToScalar();
    }

    /// <summary><paramref name="gamma"/> if it is a finite number of at least 0; otherwise an ArgumentException.</summary>
    public static double Checked(double gamma) =>
        LossParameters.Check(gamma >= 0 && double.IsFinite(gamma), "focal loss's gamma", gamma, "a number of at least 0");

    public Tensor Compute(Tensor logits, Tensor oneHotTargets)
    {
        using var logProbabilities = logits.log_softmax(-1);
        using var perElement = logProbabilities.mul(oneHotTargets);
        using var logTarget = perElement.sum(-1);
        using var probabilities = logits.softmax(-1);
        using var others = oneHotTargets.clone();
        others.mul_(TorchScalars.MinusOne).add_(TorchScalars.One, TorchScalars.One);
        using var otherProbabilities = probabilities.mul(others);
        // 1 - p_t as the other classes' probability mass: exact where p_t is within rounding of 1.
        using var missed = otherProbabilities.sum(-1);
        missed.add_(Floor, TorchScalars.One);
        using var weight = missed.pow(_gamma);
        using var perSample = weight.mul(logTarget);
        return perSample.mean([-1]).neg_();
    }

    public void Dispose() => _gamma.Dispose();
}
