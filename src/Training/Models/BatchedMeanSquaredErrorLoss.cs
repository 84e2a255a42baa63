using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary><see cref="MeanSquaredErrorLoss"/> for every member of a population: [P, B, K] to [P].</summary>
public sealed class BatchedMeanSquaredErrorLoss : IBatchedLoss
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
