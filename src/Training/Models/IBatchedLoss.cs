using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// A classification loss for a population of P members at once: logits and one-hot targets
/// [P, B, K] to one loss per member [P], each the member's own mean over its batch (so the sum's
/// gradient with respect to a member's classifier is that member's lone gradient).
/// </summary>
public interface IBatchedLoss : IDisposable
{
    Tensor Compute(Tensor logits, Tensor oneHotTargets);
}
