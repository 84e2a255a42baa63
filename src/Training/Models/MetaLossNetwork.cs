using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// The dual-channel Meta-Loss Network. y_hat = softmax(logits) and y each pass through their own
/// learned element function (a small MLP shared by all elements); the two results are stacked
/// into a 2-channel [B, K] map, and an integration block of 1x1 convolutions reduces each
/// element to a loss term. The terms are summed over classes and averaged over the batch, like
/// cross-entropy. 1x1 kernels keep the loss independent of K and of the (arbitrary) class order.
/// </summary>
public sealed class MetaLossNetwork : ILoss
{
    private readonly Parameter[] _tensors;

    public MetaLossNetwork(MlnArchitecture architecture, ReadOnlySpan<float> phi, bool requiresGrad = false, Device? device = null)
    {
        architecture.Validate();
        if (phi.Length != architecture.ParameterCount)
            throw new ArgumentException($"MLN expects {architecture.ParameterCount} parameters, got {phi.Length}");
        Architecture = architecture;
        var layout = architecture.Tensors;
        _tensors = new Parameter[layout.Count];
        var offset = 0;
        for (var i = 0; i < layout.Count; i++)
        {
            var slice = phi.Slice(offset, layout[i].Length).ToArray();
            _tensors[i] = new Parameter(tensor(slice, layout[i].Shape, device: device), requiresGrad);
            offset += layout[i].Length;
        }
    }

    public MlnArchitecture Architecture { get; }

    /// <summary>
    /// The parameter tensors, in flat-vector order. Parameters (leaves that keep their gradients) so
    /// that an optimiser can fit them directly, as the warm start does.
    /// </summary>
    public IReadOnlyList<Parameter> Parameters => _tensors;

    public Tensor Compute(Tensor logits, Tensor oneHotTargets)
    {
        using var scope = NewDisposeScope();
        var perElement = ElementLosses(logits, oneHotTargets);
        return perElement.sum(1).mean().MoveToOuterDisposeScope();
    }

    /// <summary>The loss term of every (sample, class) element: [B, K].</summary>
    public Tensor ElementLosses(Tensor logits, Tensor oneHotTargets)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = logits.log_softmax(1);
        var predictionInputs = stack([logProbabilities.exp(), logProbabilities], -1);
        var prediction = ElementFunction(predictionInputs, 0);
        var target = ElementFunction(oneHotTargets.unsqueeze(-1), 4);
        var channels = cat([prediction, target], -1);
        var integrated = ElementFunction(channels, 8);
        return integrated.squeeze(-1).MoveToOuterDisposeScope();
    }

    /// <summary>tanh(x W1 + b1) W2 + b2 over the last dimension, with tensors from index first.</summary>
    private Tensor ElementFunction(Tensor inputs, int first) =>
        inputs.matmul(_tensors[first]).add_(_tensors[first + 1], TorchScalars.One).tanh_()
            .matmul(_tensors[first + 2]).add_(_tensors[first + 3], TorchScalars.One);

    /// <summary>The current parameters as one flat vector.</summary>
    public float[] ToVector()
    {
        using var noGrad = no_grad();
        return _tensors.SelectMany(t => t.data<float>().ToArray()).ToArray();
    }

    public void Dispose()
    {
        foreach (var t in _tensors) t.Dispose();
    }
}
