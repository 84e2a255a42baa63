using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>A classification loss: logits [B, K] and one-hot targets [B, K] to a scalar.</summary>
public interface ILoss : IDisposable
{
    Tensor Compute(Tensor logits, Tensor oneHotTargets);
}
