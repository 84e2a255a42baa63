using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// P independent inner-loop classifiers trained together by plain SGD, each member with its own
/// learning rate: what <see cref="Episodes.BatchedEpisodeRunner"/> needs from a classifier of any kind.
/// </summary>
public interface IBatchedClassifier : IDisposable
{
    int Members { get; }

    /// <summary>Logits [P, B, K] for features [P, B, F] (member p's rows in slice p), with no gradient kept.</summary>
    Tensor Forward(Tensor features);

    /// <summary>The forward pass that <see cref="SgdStep"/> backpropagates through; its tensors belong to the caller's dispose scope.</summary>
    ForwardPass Train(Tensor features);

    /// <summary>
    /// theta_p -= lr_p * dL_p/dtheta_p for every member, from each member's logit gradient [P, B, K]
    /// at the logits of <paramref name="pass"/>; <paramref name="negativeRates"/> [P, 1, 1] holds -lr_p.
    /// </summary>
    void SgdStep(ForwardPass pass, Tensor logitGradient, Tensor negativeRates);

    /// <summary>Per member, the sum of its squared parameters: a cheap check for a classifier that has blown up.</summary>
    double[] SquaredNorms();
}
