using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// A classification loss of one classifier or of a population of P: logits and one-hot targets
/// [B, K] give a scalar; [P, B, K] give one loss per member [P], each the member's own mean over its
/// rows (so the sum's gradient with respect to a member's logits is that member's own gradient).
/// </summary>
public interface ILoss : IDisposable
{
    Tensor Compute(Tensor logits, Tensor oneHotTargets);

    /// <summary>The loss at training progress step / steps in [0, 1]; only an MLN with a progress input depends on it.</summary>
    Tensor Compute(Tensor logits, Tensor oneHotTargets, double progress) => Compute(logits, oneHotTargets);
}
