using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// A loss's gradient with respect to the logits it is given. Everything a loss tells plain SGD
/// reaches the classifier through this [B, K] tensor, so two losses with the same logit gradient
/// train a classifier identically.
/// </summary>
public static class LogitGradients
{
    /// <summary>
    /// dL/dlogits at (logits, targets); the logits themselves are not touched. With
    /// <paramref name="createGraph"/> the result stays differentiable with respect to the loss's own
    /// parameters, which is what fitting an MLN's gradient needs.
    /// </summary>
    public static Tensor Of(ILoss loss, Tensor logits, Tensor oneHotTargets, bool createGraph = false)
    {
        using var enableGrad = enable_grad();
        using var scope = NewDisposeScope();
        var leaf = logits.detach().requires_grad_();
        var value = loss.Compute(leaf, oneHotTargets);
        // A graph built for differentiation must also be kept, as PyTorch does by default (TorchSharp does not).
        var gradient = autograd.grad([value], [leaf], retain_graph: createGraph, create_graph: createGraph)[0];
        return gradient.MoveToOuterDisposeScope();
    }
}
