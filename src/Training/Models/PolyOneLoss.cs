using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// Poly-1 (Leng et al., ICLR 2022): cross-entropy plus eps (1 - p_t), p_t the target class's
/// probability, averaged over the rows; [B, K] or [P, B, K] (see <see cref="ILoss"/>); one-hot
/// targets. Its logit gradient is (1 + eps p_t)(p - y) / B: eps above 0 steps harder as a row
/// grows confident, below 0 softer; eps = -1 is the least that keeps every step a descent step.
/// </summary>
public sealed class PolyOneLoss : ILoss
{
    // Kept for the loss's lifetime: a temporary Scalar may be freed while libtorch reads it (see TorchScalars).
    private readonly Scalar _epsilon;

    public PolyOneLoss(double epsilon)
    {
        Checked(epsilon);
        _epsilon = epsilon.ToScalar();
    }

    /// <summary><paramref name="epsilon"/> if it is a finite number of at least -1; otherwise an ArgumentException.</summary>
    public static double Checked(double epsilon) =>
        LossParameters.Check(epsilon >= -1 && double.IsFinite(epsilon), "Poly-1's epsilon", epsilon, "a number of at least -1");

    public Tensor Compute(Tensor logits, Tensor oneHotTargets)
    {
        using var logProbabilities = logits.log_softmax(-1);
        using var perElement = logProbabilities.mul(oneHotTargets);
        using var logTarget = perElement.sum(-1);
        using var target = logTarget.exp();
        // log p_t + eps p_t per row; the loss is eps minus its mean.
        using var perSample = logTarget.add(target, _epsilon);
        return perSample.mean([-1]).neg_().add_(_epsilon, TorchScalars.One);
    }

    public void Dispose() => _epsilon.Dispose();
}
