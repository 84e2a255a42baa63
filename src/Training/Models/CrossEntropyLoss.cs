using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>Cross-entropy: summed over classes, averaged over the batch.</summary>
public sealed class CrossEntropyLoss : ILoss
{
    public Tensor Compute(Tensor logits, Tensor oneHotTargets)
    {
        using var logProbabilities = logits.log_softmax(1);
        using var perElement = logProbabilities.mul(oneHotTargets);
        using var perSample = perElement.sum(1);
        return perSample.mean().neg_();
    }

    public void Dispose() { }
}
