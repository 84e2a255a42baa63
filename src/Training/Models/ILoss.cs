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
}
