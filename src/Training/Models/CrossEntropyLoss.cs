using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>Cross-entropy: summed over classes, averaged over the rows; [B, K] or [P, B, K] (see <see cref="ILoss"/>).</summary>
public sealed class CrossEntropyLoss : ILoss
{
    public Tensor Compute(Tensor logits, Tensor oneHotTargets)
    {
        using var logProbabilities = logits.log_softmax(-1);
        using var perElement = logProbabilities.mul(oneHotTargets);
        using var perSample = perElement.sum(-1);
        return perSample.mean([-1]).neg_();
    }

    public void Dispose() { }
}
