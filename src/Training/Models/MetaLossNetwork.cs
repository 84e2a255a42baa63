using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// The dual-channel Meta-Loss Network, for one loss or a population of P (each member its own phi).
/// y_hat = softmax(logits) and y each pass through their own learned element function (a small MLP
/// shared by all elements); the two results are stacked into a 2-channel [B, K] map, and an
/// integration block of 1x1 convolutions reduces each element to a loss term. The terms are summed
/// over classes and averaged over the rows, like cross-entropy. 1x1 kernels keep the loss independent
/// of K and of the (arbitrary) class order. Every tensor of <see cref="MlnArchitecture.Tensors"/> is
/// stacked along a leading member dimension (weights [P, in, out], biases [P, 1, out]) and each
/// member's elements form one matrix, so every product of a population is one batched product.
/// A lone MLN is the population of one.
/// </summary>
public sealed class MetaLossNetwork : ILoss
{
    private readonly Parameter[] _tensors;

    public MetaLossNetwork(MlnArchitecture architecture, ReadOnlySpan<float> phi, bool requiresGrad = false, Device? device = null)
        : this(architecture, [phi.ToArray()], requiresGrad, device)
    {
    }

    public MetaLossNetwork(MlnArchitecture architecture, IReadOnlyList<float[]> phis, bool requiresGrad = false, Device? device = null)
    {
        architecture.Validate();
        if (phis.Count == 0) throw new ArgumentException("an MLN needs at least one member");
        foreach (var phi in phis)
        {
            if (phi.Length != architecture.ParameterCount)
                throw new ArgumentException($"MLN expects {architecture.ParameterCount} parameters, got {phi.Length}");
        }
        Architecture = architecture;
        Members = phis.Count;
        var layout = architecture.Tensors;
        _tensors = new Parameter[layout.Count];
        var offset = 0;
        for (var i = 0; i < layout.Count; i++)
        {
            var length = layout[i].Length;
            var stacked = new float[phis.Count * length];
            for (var p = 0; p < phis.Count; p++)
                Array.Copy(phis[p], offset, stacked, p * length, length);
            // A bias [out] becomes [P, 1, out] so it broadcasts over each member's elements.
            long[] shape = layout[i].Shape.Length == 2 ? [phis.Count, .. layout[i].Shape] : [phis.Count, 1, .. layout[i].Shape];
            _tensors[i] = new Parameter(tensor(stacked, shape, device: device), requiresGrad);
            offset += length;
        }
    }

    public MlnArchitecture Architecture { get; }

    public int Members { get; }

    /// <summary>
    /// The parameter tensors, in flat-vector order, each with the leading member dimension.
    /// Parameters (leaves that keep their gradients) so that an optimiser can fit them directly, as the warm start does.
    /// </summary>
    public IReadOnlyList<Parameter> Parameters => _tensors;

    /// <summary>Logits and targets [B, K] (one member) to the loss, or [P, B, K] to one loss per member [P]; at progress 0.</summary>
    public Tensor Compute(Tensor logits, Tensor oneHotTargets) => Compute(logits, oneHotTargets, progress: 0);

    /// <summary>As <see cref="Compute(Tensor, Tensor)"/>, at training progress step / steps in [0, 1] (ignored without a progress input).</summary>
    public Tensor Compute(Tensor logits, Tensor oneHotTargets, double progress)
    {
        if (logits.dim() == 3) return MemberLosses(logits, oneHotTargets, progress);
        if (Members != 1) throw new ArgumentException($"an MLN of {Members} members needs logits [P, B, K], got {logits.dim()} dimensions");
        using var scope = NewDisposeScope();
        return MemberLosses(logits.unsqueeze(0), oneHotTargets.unsqueeze(0), progress).squeeze(0).MoveToOuterDisposeScope();
    }

    private Tensor MemberLosses(Tensor logits, Tensor oneHotTargets, double progress)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = logits.log_softmax(-1);
        var prediction = Output(Prediction, PredictionHidden(logProbabilities.exp(), logProbabilities, progress));
        var target = TargetChannel(oneHotTargets);
        var integrated = Output(Integration, Hidden(Integration, prediction, target));
        return Losses(integrated, logits.shape).MoveToOuterDisposeScope();
    }

    /// <summary>Index of each element function's first tensor in <see cref="MlnArchitecture.Tensors"/>, and of the progress weight.</summary>
    internal const int Prediction = 0, Target = 4, Integration = 8, Progress = 12;

    /// <summary>
    /// The prediction function's hidden layer [P, H, M] from y_hat and log y_hat [P, B, K]. The progress
    /// is the same for every element, so its part t w_t only moves the hidden layer's bias; without a
    /// progress input this is exactly the two-input layer (the same ops, so the same bits).
    /// </summary>
    internal Tensor PredictionHidden(Tensor probabilities, Tensor logProbabilities, double progress)
    {
        if (!Architecture.ProgressInput) return Hidden(Prediction, Elements(probabilities), Elements(logProbabilities));
        CheckProgress(progress);
        using var scope = NewDisposeScope();
        using var t = tensor(new[] { (float)progress }, [1], device: _tensors[Progress].device);
        var partial = SecondInputPart(Prediction, Elements(logProbabilities)).add_(_tensors[Progress].transpose(1, 2).mul(t), TorchScalars.One);
        return HiddenFrom(Prediction, partial, Elements(probabilities)).MoveToOuterDisposeScope();
    }

    /// <summary>[P, B, K] as one row of the P members' M = B*K elements: [P, 1, M].</summary>
    internal static Tensor Elements(Tensor values) => values.reshape(values.shape[0], 1, -1);

    /// <summary>The target function's output for every element, [P, 1, M]: it depends on the targets alone.</summary>
    internal Tensor TargetChannel(Tensor oneHotTargets) => Output(Target, Hidden(Target, Elements(oneHotTargets), second: null));

    /// <summary>
    /// An element function's hidden layer, tanh(w0 x0 + w1 x1 + b) as [P, H, M], from its one or two
    /// input rows [P, 1, M]. With at most two inputs the product is a broadcast multiply-add, not a
    /// matrix product of inner size 1 or 2, and the elements run along the last dimension, so that
    /// every element op is a long vectorised loop rather than one of H. w1 x1 + b comes first: for the
    /// integration block it is the target's part, the same at every step of an episode (see
    /// <see cref="HiddenFrom"/>).
    /// </summary>
    internal Tensor Hidden(int first, Tensor input, Tensor? second) =>
        HiddenFrom(first, second is null ? Bias(first) : SecondInputPart(first, second), input);

    /// <summary>w1 x1 + b of <see cref="Hidden"/>, [P, H, M].</summary>
    internal Tensor SecondInputPart(int first, Tensor second) =>
        second.mul(InputWeights(first, 1)).add_(Bias(first), TorchScalars.One);

    internal Tensor HiddenFrom(int first, Tensor partial, Tensor input) =>
        partial.addcmul(input, InputWeights(first, 0), TorchScalars.One).tanh_();

    /// <summary>An element function's output w2 . h + b2, [P, 1, M]: one batched product.</summary>
    internal Tensor Output(int first, Tensor hidden) =>
        bmm(_tensors[first + 2].transpose(1, 2), hidden).add_(_tensors[first + 3], TorchScalars.One);

    /// <summary>The hidden layer's weights of one input as a column [P, H, 1].</summary>
    private Tensor InputWeights(int first, int input) => _tensors[first].narrow(1, input, 1).transpose(1, 2);

    /// <summary>The hidden layer's bias as a column [P, H, 1].</summary>
    private Tensor Bias(int first) => _tensors[first + 1].transpose(1, 2);

    /// <summary>Each member's loss [P] from its element terms [P, 1, M]: summed over classes, averaged over rows.</summary>
    internal static Tensor Losses(Tensor terms, long[] logitShape) =>
        terms.reshape(logitShape).sum(-1).mean([-1]);

    /// <summary>The current parameters of a lone MLN as one flat vector.</summary>
    public float[] ToVector()
    {
        if (Members != 1) throw new InvalidOperationException($"an MLN of {Members} members has no one flat vector");
        return StackedValues().SelectMany(t => t).ToArray();
    }

    /// <summary>The values of every tensor of <see cref="Parameters"/>, each member's after the one before.</summary>
    internal float[][] StackedValues()
    {
        using var noGrad = no_grad();
        return _tensors.Select(HostValues.Floats).ToArray();
    }

    /// <summary>Refuses a training progress outside [0, 1] (NaN included).</summary>
    internal static void CheckProgress(double progress)
    {
        if (!(progress is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(progress), progress, "training progress must be between 0 and 1");
    }

    public void Dispose()
    {
        foreach (var t in _tensors) t.Dispose();
    }
}
