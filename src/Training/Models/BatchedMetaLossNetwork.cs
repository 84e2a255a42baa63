using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// P Meta-Loss Networks of one architecture, each with its own phi, evaluated together: every
/// tensor of <see cref="MlnArchitecture.Tensors"/> is stacked along a leading member dimension
/// (weights [P, in, out], biases [P, 1, out]) and the element functions run as bmm. Member p
/// computes exactly what <see cref="MetaLossNetwork"/> with phi p computes. The tensors live on
/// <paramref name="device"/> (the CPU by default).
/// </summary>
public sealed class BatchedMetaLossNetwork : IBatchedLoss
{
    private readonly Tensor[] _tensors;

    public BatchedMetaLossNetwork(MlnArchitecture architecture, IReadOnlyList<float[]> phis, Device? device = null)
    {
        architecture.Validate();
        if (phis.Count == 0) throw new ArgumentException("a batched MLN needs at least one member");
        foreach (var phi in phis)
        {
            if (phi.Length != architecture.ParameterCount)
                throw new ArgumentException($"MLN expects {architecture.ParameterCount} parameters, got {phi.Length}");
        }
        var layout = architecture.Tensors;
        _tensors = new Tensor[layout.Count];
        var offset = 0;
        for (var i = 0; i < layout.Count; i++)
        {
            var length = layout[i].Length;
            var stacked = new float[phis.Count * length];
            for (var p = 0; p < phis.Count; p++)
                Array.Copy(phis[p], offset, stacked, p * length, length);
            // A bias [out] becomes [P, 1, out] so it broadcasts over each member's rows.
            long[] shape = layout[i].Shape.Length == 2 ? [phis.Count, .. layout[i].Shape] : [phis.Count, 1, .. layout[i].Shape];
            _tensors[i] = tensor(stacked, shape, device: device);
            offset += length;
        }
    }

    public Tensor Compute(Tensor logits, Tensor oneHotTargets)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = logits.log_softmax(-1);
        var predictionInputs = stack([logProbabilities.exp(), logProbabilities], -1);
        var prediction = ElementFunction(predictionInputs, 0);
        var target = ElementFunction(oneHotTargets.unsqueeze(-1), 4);
        var channels = cat([prediction, target], -1);
        var integrated = ElementFunction(channels, 8);
        return integrated.squeeze(-1).sum(-1).mean([-1]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// tanh(x W1 + b1) W2 + b2 over the last dimension of [P, B, K, C], with tensors from index
    /// first; each member's B*K elements form one matrix, as MetaLossNetwork's matmul folds them.
    /// </summary>
    private Tensor ElementFunction(Tensor inputs, int first)
    {
        var (members, rows, classes) = (inputs.shape[0], inputs.shape[1], inputs.shape[2]);
        var flat = inputs.reshape(members, rows * classes, inputs.shape[3]);
        var hidden = Product(flat, _tensors[first]).add_(_tensors[first + 1], TorchScalars.One).tanh_();
        var output = Product(hidden, _tensors[first + 2]).add_(_tensors[first + 3], TorchScalars.One);
        return output.reshape(members, rows, classes, output.shape[2]);
    }

    /// <summary>
    /// bmm, except for a product with one output column: libtorch computes that one per matrix
    /// (a matrix-vector product) when the batch has one member, but as a batched product otherwise,
    /// and the two round differently. Member by member it is the lone MLN's product whatever the
    /// batch holds, so a member's result does not depend on its batch-mates.
    /// </summary>
    private static Tensor Product(Tensor batch, Tensor weights) =>
        weights.shape[2] == 1
            ? stack(batch.unbind(0).Zip(weights.unbind(0), (x, w) => x.mm(w)).ToArray())
            : bmm(batch, weights);

    public void Dispose()
    {
        foreach (var t in _tensors) t.Dispose();
    }
}
