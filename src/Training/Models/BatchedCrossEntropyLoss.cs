using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary><see cref="CrossEntropyLoss"/> for every member of a population: [P, B, K] to [P].</summary>
public sealed class BatchedCrossEntropyLoss : IBatchedLoss
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
