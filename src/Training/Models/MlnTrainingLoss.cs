using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// An MLN population's loss and logit gradient for one group's targets, with the gradient derived by
/// hand instead of by autograd: the same function as <see cref="MetaLossNetwork.Compute"/> (the loss
/// values are its bits), in about half the small ops and none of autograd's bookkeeping, which at
/// these sizes costs more than the arithmetic. The target channel and its part of the integration
/// block depend on the targets alone, so they are computed once here rather than at every step.
/// Per element, with L = (1/B) sum o:
///   h = tanh(l wl + b1 + y wy), a = h w2 + b2, g = tanh(c gc + b3 + a ga), o = g w4 + b4, y = exp(l);
///   dg = (1 - g^2) w4/B, da = dg . ga, dh = (1 - h^2) da w2, dy = dh . wy, dl = dh . wl;
///   through log_softmax: dz = d - y sum_k d, with d = dl + dy y.
/// A progress input t is a constant of the step: it adds t wt to h's pre-activation and nothing else.
/// This op-by-op form is the one for a GPU; on the CPU <see cref="CpuMlnTrainingLoss"/> fuses it.
/// </summary>
public sealed class MlnTrainingLoss : ITrainingLoss
{
    private readonly MetaLossNetwork _mln;
    private readonly Tensor _integrationPartial;
    private readonly Tensor _outputWeightsOverRows;
    private readonly Tensor _predictionWeights;
    private readonly Tensor _predictionOutputWeights;
    private readonly Tensor _predictionInputWeights;

    public MlnTrainingLoss(MetaLossNetwork mln, Tensor oneHotTargets)
    {
        if (oneHotTargets.dim() != 3 || oneHotTargets.shape[0] != mln.Members)
            throw new ArgumentException($"an MLN of {mln.Members} members trains on targets [{mln.Members}, B, K], got [{string.Join(", ", oneHotTargets.shape)}]");
        _mln = mln;
        // Owned by this loss, not by the caller's dispose scope: they live as long as it does.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var tensors = mln.Parameters;
        const int integration = MetaLossNetwork.Integration, prediction = MetaLossNetwork.Prediction;
        _integrationPartial = mln.SecondInputPart(integration, mln.TargetChannel(oneHotTargets));
        using var rows = tensor(new[] { (float)oneHotTargets.shape[1] }, [1], device: oneHotTargets.device);
        _outputWeightsOverRows = tensors[integration + 2].div(rows);
        _predictionWeights = tensors[integration].narrow(1, 0, 1);
        _predictionOutputWeights = tensors[prediction + 2].detach();
        _predictionInputWeights = tensors[prediction].detach();
        foreach (var t in Owned) t.DetachFromDisposeScope();
    }

    private Tensor[] Owned => [_integrationPartial, _outputWeightsOverRows, _predictionWeights, _predictionOutputWeights, _predictionInputWeights];

    public (Tensor Values, Tensor Gradient) ValuesAndGradient(Tensor logits, double progress)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var shape = logits.shape;
        var logProbabilities = logits.log_softmax(-1);
        var probabilities = logProbabilities.exp();
        var hidden = _mln.PredictionHidden(probabilities, logProbabilities, progress);
        var prediction = _mln.Output(MetaLossNetwork.Prediction, hidden);
        var integrated = _mln.HiddenFrom(MetaLossNetwork.Integration, _integrationPartial, prediction);
        var values = MetaLossNetwork.Losses(_mln.Output(MetaLossNetwork.Integration, integrated), shape);

        // [P, C, M], [P, 1, M], [P, H, M], then both inputs' gradients [P, 2, M] in one product.
        var integratedGradient = _outputWeightsOverRows.addcmul(integrated, integrated.mul(_outputWeightsOverRows), TorchScalars.MinusOne);
        var hiddenGradient = bmm(_predictionWeights, integratedGradient).mul(_predictionOutputWeights);
        hiddenGradient.addcmul_(hidden, hidden.mul(hiddenGradient), TorchScalars.MinusOne);
        var inputGradients = bmm(_predictionInputWeights, hiddenGradient);
        var viaLog = inputGradients.narrow(1, 1, 1).reshape(shape)
            .addcmul(inputGradients.narrow(1, 0, 1).reshape(shape), probabilities, TorchScalars.One);
        var gradient = viaLog.addcmul(probabilities, viaLog.sum(-1, keepdim: true), TorchScalars.MinusOne);
        return (values.MoveToOuterDisposeScope(), gradient.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        foreach (var t in Owned) t.Dispose();
    }
}
