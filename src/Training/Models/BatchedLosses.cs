using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// Builds the loss of a population from its members' loss specs. One batch trains with one kind of
/// loss: all of one fixed loss (CE, MSE, label smoothing with one epsilon, ...), or all MLNs of one
/// architecture (each member with its own phi).
/// </summary>
public static class BatchedLosses
{
    /// <summary>The population's loss, its parameters (an MLN's phi) on <paramref name="device"/> (the CPU by default).</summary>
    public static ILoss Create(IReadOnlyList<LossSpec> losses, Device? device = null)
    {
        if (losses.Count == 0) throw new ArgumentException("a batch needs at least one loss");
        if (losses.Select(KindOf).Distinct().Count() > 1)
            throw new ArgumentException(
                $"one batch trains with one kind of loss, got {string.Join(", ", losses.Select(KindOf).Distinct())}");
        return losses[0] switch
        {
            LossSpec.MetaLoss first => new MetaLossNetwork(
                first.Architecture, losses.Select(l => ((LossSpec.MetaLoss)l).Phi).ToList(), device: device),
            // Any other loss is the same for every member of one kind (its label names its parameters).
            var first => first.Create(device),
        };
    }

    /// <summary>What members of one batch must share: the loss and its parameters, and for an MLN its architecture.</summary>
    public static string KindOf(LossSpec loss) =>
        loss is LossSpec.MetaLoss mln ? $"{loss.Label} {mln.Architecture}" : loss.Label;
}
