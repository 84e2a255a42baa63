using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// A loss bound to the targets of one episode (or of a group, [P, B, K]): each training step's loss
/// values and logit gradient, which is all plain SGD takes from a loss. What is the same at every
/// step (an MLN's target channel) is computed once.
/// </summary>
public interface ITrainingLoss : IDisposable
{
    /// <summary>
    /// The loss of every member [P] and its logit gradient [P, B, K] at training progress step / steps
    /// (only an MLN with a progress input depends on it); both belong to the caller's dispose scope.
    /// </summary>
    (Tensor Values, Tensor Gradient) ValuesAndGradient(Tensor logits, double progress);
}

/// <summary>
/// Binds a loss to its targets: an MLN takes its hand-derived gradient (on the CPU in one fused pass,
/// elsewhere op by op), any other loss autograd's.
/// </summary>
public static class TrainingLoss
{
    public static ITrainingLoss For(ILoss loss, Tensor oneHotTargets) => loss switch
    {
        MetaLossNetwork mln when oneHotTargets.device_type == DeviceType.CPU => new CpuMlnTrainingLoss(mln, oneHotTargets),
        MetaLossNetwork mln => new MlnTrainingLoss(mln, oneHotTargets),
        _ => new AutogradTrainingLoss(loss, oneHotTargets),
    };

    private sealed class AutogradTrainingLoss(ILoss loss, Tensor oneHotTargets) : ITrainingLoss
    {
        public (Tensor Values, Tensor Gradient) ValuesAndGradient(Tensor logits, double progress) =>
            LogitGradients.WithValues(loss, logits, oneHotTargets, progress: progress);

        public void Dispose() { }
    }
}
