using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// A loss's gradient with respect to the logits it is given. Everything a loss tells plain SGD
/// reaches the classifier through this [B, K] (or, for a population, [P, B, K]) tensor, so two
/// losses with the same logit gradient train a classifier identically.
/// </summary>
public static class LogitGradients
{
    /// <summary>
    /// dL/dlogits at (logits, targets); the logits themselves are not touched. With
    /// <paramref name="createGraph"/> the result stays differentiable with respect to the loss's own
    /// parameters, which is what fitting an MLN's gradient needs.
    /// </summary>
    public static Tensor Of(ILoss loss, Tensor logits, Tensor oneHotTargets, bool createGraph = false, double progress = 0)
    {
        using var scope = NewDisposeScope();
        var (_, gradient) = WithValues(loss, logits, oneHotTargets, createGraph, progress);
        return gradient.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The loss values (a scalar, or one per member [P]) and dL/dlogits, each member's gradient of
    /// its own loss, at training progress <paramref name="progress"/>; both belong to the caller's dispose scope.
    /// </summary>
    public static (Tensor Values, Tensor Gradient) WithValues(ILoss loss, Tensor logits, Tensor oneHotTargets, bool createGraph = false, double progress = 0)
    {
        using var enableGrad = enable_grad();
        using var scope = NewDisposeScope();
        var leaf = logits.detach().requires_grad_();
        var values = loss.Compute(leaf, oneHotTargets, progress);
        // Members are independent, so d(sum)/d(logits_p) is member p's own gradient.
        var total = values.dim() == 0 ? values : values.sum();
        // A graph built for differentiation must also be kept, as PyTorch does by default (TorchSharp does not).
        var gradient = autograd.grad([total], [leaf], retain_graph: createGraph, create_graph: createGraph)[0];
        return (values.detach().MoveToOuterDisposeScope(), gradient.MoveToOuterDisposeScope());
    }
}
