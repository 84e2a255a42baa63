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
/// </summary>
public sealed class MlnTrainingLoss : ITrainingLoss
{
    private readonly MetaLossNetwork _mln;
    private readonly Tensor _integrationPartial;
    private readonly Tensor _outputWeightsOverRows;
    private readonly Tensor _predictionWeightColumn;
    private readonly Tensor _predictionOutputRow;
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
        var integration = MetaLossNetwork.Integration;
        _integrationPartial = mln.SecondInputPart(integration, mln.TargetChannel(oneHotTargets));
        using var rows = tensor(new[] { (float)oneHotTargets.shape[1] }, [1], device: oneHotTargets.device);
        _outputWeightsOverRows = tensors[integration + 2].transpose(1, 2).div(rows);
        _predictionWeightColumn = tensors[integration].narrow(1, 0, 1).transpose(1, 2);
        _predictionOutputRow = tensors[MetaLossNetwork.Prediction + 2].transpose(1, 2);
        _predictionInputWeights = tensors[MetaLossNetwork.Prediction].transpose(1, 2);
        foreach (var t in Owned) t.DetachFromDisposeScope();
    }

    private Tensor[] Owned => [_integrationPartial, _outputWeightsOverRows, _predictionWeightColumn, _predictionOutputRow, _predictionInputWeights];

    public (Tensor Values, Tensor Gradient) ValuesAndGradient(Tensor logits)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var shape = logits.shape;
        var logProbabilities = logits.log_softmax(-1);
        var probabilities = logProbabilities.exp();
        var hidden = _mln.Hidden(MetaLossNetwork.Prediction, MetaLossNetwork.Elements(probabilities), MetaLossNetwork.Elements(logProbabilities));
        var prediction = _mln.Output(MetaLossNetwork.Prediction, hidden);
        var integrated = _mln.HiddenFrom(MetaLossNetwork.Integration, _integrationPartial, prediction);
        var values = MetaLossNetwork.Losses(_mln.Output(MetaLossNetwork.Integration, integrated), shape);

        var integratedGradient = _outputWeightsOverRows.addcmul(integrated, integrated.mul(_outputWeightsOverRows), TorchScalars.MinusOne);
        var hiddenGradient = bmm(integratedGradient, _predictionWeightColumn).mul(_predictionOutputRow);
        hiddenGradient.addcmul_(hidden, hidden.mul(hiddenGradient), TorchScalars.MinusOne);
        var inputGradients = bmm(hiddenGradient, _predictionInputWeights).reshape([.. shape, 2]);
        var viaLog = inputGradients.narrow(3, 1, 1).squeeze(3)
            .addcmul(inputGradients.narrow(3, 0, 1).squeeze(3), probabilities, TorchScalars.One);
        var gradient = viaLog.addcmul(probabilities, viaLog.sum(-1, keepdim: true), TorchScalars.MinusOne);
        return (values.MoveToOuterDisposeScope(), gradient.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        foreach (var t in Owned) t.Dispose();
    }
}
