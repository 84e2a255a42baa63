using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// Squared error between softmax probabilities and one-hot targets, summed over classes and
/// averaged over the rows (the Brier score), so its scale matches cross-entropy's for any K;
/// [B, K] or [P, B, K] (see <see cref="ILoss"/>).
/// </summary>
public sealed class MeanSquaredErrorLoss : ILoss
{
    public Tensor Compute(Tensor logits, Tensor oneHotTargets)
    {
        using var probabilities = logits.softmax(-1);
        using var error = probabilities.sub(oneHotTargets);
        using var squared = error.pow(TorchScalars.Two);
        using var perSample = squared.sum(-1);
        return perSample.mean([-1]);
    }

    public void Dispose() { }
}
