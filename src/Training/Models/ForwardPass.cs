using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// One forward pass of a classifier population: its input, the hidden activations (after ReLU) and
/// the logits. The MLP backpropagates by hand through the activations; the CNN keeps none here, its
/// logits carry autograd's graph instead.
/// </summary>
public sealed record ForwardPass(Tensor Features, Tensor[] Hidden, Tensor Logits);
