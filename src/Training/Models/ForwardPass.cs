using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>One forward pass of a classifier population: its input, the hidden activations (after ReLU) and the logits.</summary>
public sealed record ForwardPass(Tensor Features, Tensor[] Hidden, Tensor Logits);
