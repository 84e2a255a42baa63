using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static MetaLoss.Training.Models.MetaLossNetwork;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// An MLN population's loss and logit gradient on the CPU in one pass over each member's elements:
/// the function and hand-derived gradient of <see cref="MlnTrainingLoss"/> (derivation there), with
/// the elements in vector lanes and an element's hidden units in registers, so that none of the
/// twenty-odd [P, H, M] tensors of the op-by-op form is ever written to memory. Its tanh is
/// <see cref="VectorTanh"/> rather than libtorch's, so its bits differ from that form's by float
/// rounding. A member's loss and gradient depend on its own inputs alone (not on its group, the
/// thread or the vector width): there is no product over the group, not even for the target channel,
/// which it computes itself (a one-hot target takes two values, so each member's target function is
/// evaluated twice). Its lanes are 512 bits wide where the CPU runs those natively (<see cref="ILanes{TSelf}"/>);
/// the bits are the same at any width. The classifier's products are batched over the group, and MKL may choose their
/// kernels by the group's size (its AVX-512 path does so for bmm), so an episode's bits are those of
/// its group. The run's plan fixes every group, so runs stay bit-identical on a machine.
/// </summary>
public sealed class CpuMlnTrainingLoss : ITrainingLoss
{
    private readonly int _members, _rows, _classes, _elements, _padded, _hiddenUnits, _targetHiddenUnits, _channels;
    private readonly bool _progressInput, _wideLanes;
    // Each MLN tensor's values for all members, member after member, as MetaLossNetwork stacks them.
    private readonly float[][] _stacked;
    // da/dg's factor w4 ga / B per member and integration channel.
    private readonly float[] _predictionGradient;
    // One-hot targets, padded, for every member or once when the group shares them (expanded rows),
    // and each member's target function at 0 and at 1.
    private readonly float[] _targets, _targetOutputs;
    private readonly bool _sharedTargets;
    private readonly float[] _logProbabilities, _probabilities, _terms, _inputGradient;
    // Each hidden unit's activations and step bias, a vector of lanes per unit.
    private readonly float[] _hidden, _stepBias;

    /// <summary>Padding unit: a multiple of every lane count, so either width reads whole vectors.</summary>
    private static readonly int PaddedTo = Math.Max(Vector512Lanes.Count, VectorLanes.Count);

    public CpuMlnTrainingLoss(MetaLossNetwork mln, Tensor oneHotTargets) : this(mln, oneHotTargets, wideLanes: Vector512Lanes.IsNative)
    {
    }

    /// <param name="wideLanes">512-bit lanes (<see cref="Vector512Lanes"/>), emulated where the CPU has none; else <see cref="VectorLanes"/>.</param>
    public CpuMlnTrainingLoss(MetaLossNetwork mln, Tensor oneHotTargets, bool wideLanes)
    {
        if (oneHotTargets.dim() != 3 || oneHotTargets.shape[0] != mln.Members)
            throw new ArgumentException($"an MLN of {mln.Members} members trains on targets [{mln.Members}, B, K], got [{string.Join(", ", oneHotTargets.shape)}]");
        if (oneHotTargets.device_type != DeviceType.CPU)
            throw new ArgumentException($"the CPU form of the MLN's loss needs targets on the CPU, got {oneHotTargets.device}");
        (_members, _rows, _classes) = ((int)oneHotTargets.shape[0], (int)oneHotTargets.shape[1], (int)oneHotTargets.shape[2]);
        _elements = _rows * _classes;
        (_progressInput, _wideLanes) = (mln.Architecture.ProgressInput, wideLanes);
        (_hiddenUnits, _targetHiddenUnits, _channels) = (mln.Architecture.PredictionHidden, mln.Architecture.TargetHidden, mln.Architecture.IntegrationChannels);
        _stacked = mln.StackedValues();
        _predictionGradient = new float[_members * _channels];
        for (var p = 0; p < _members; p++)
        for (var c = 0; c < _channels; c++)
            _predictionGradient[p * _channels + c] = _stacked[Integration + 2][p * _channels + c] * _stacked[Integration][p * 2 * _channels + c] / _rows;

        // Whole vectors only: each member's elements are padded to a multiple of the width with zeros, whose results are never read.
        _padded = (_elements + PaddedTo - 1) / PaddedTo * PaddedTo;
        _sharedTargets = RowSpaceFirstLayer.IsShared(oneHotTargets);
        using var firstMember = _sharedTargets ? oneHotTargets.narrow(0, 0, 1) : null;
        var targets = HostValues.Floats(firstMember ?? oneHotTargets);
        _targets = new float[targets.Length / _elements * _padded];
        for (var i = 0; i < targets.Length; i++)
        {
            if (targets[i] is not (0 or 1))
                throw new ArgumentException($"the CPU form of the MLN's loss takes one-hot targets (0 or 1), got {targets[i]} at element {i}");
            _targets[i / _elements * _padded + i % _elements] = targets[i];
        }
        _targetOutputs = new float[2 * _members];
        for (var p = 0; p < _members; p++) (_targetOutputs[2 * p], _targetOutputs[2 * p + 1]) = (TargetOutput(p, 0), TargetOutput(p, 1));
        (_logProbabilities, _probabilities, _terms, _inputGradient) = (new float[_padded], new float[_padded], new float[_padded], new float[_padded]);
        _hidden = new float[_hiddenUnits * PaddedTo];
        _stepBias = new float[_hiddenUnits * PaddedTo];
    }

    /// <summary>
    /// Member p's target function at a one-hot value y (0 or 1): w2 . tanh(w1 y + b1) + b2. A target
    /// element takes one of these two values, so the channel costs two evaluations a member, not one an element.
    /// </summary>
    private float TargetOutput(int member, float y)
    {
        var output = VectorLanes.Of(_stacked[Target + 3][member]);
        for (var j = member * _targetHiddenUnits; j < (member + 1) * _targetHiddenUnits; j++)
        {
            var h = VectorTanh.Of(VectorLanes.MultiplyAdd(VectorLanes.Of(y), VectorLanes.Of(_stacked[Target][j]), VectorLanes.Of(_stacked[Target + 1][j])));
            output = VectorLanes.MultiplyAdd(h, VectorLanes.Of(_stacked[Target + 2][j]), output);
        }
        return output.First;
    }

    public (Tensor Values, Tensor Gradient) ValuesAndGradient(Tensor logits, double progress)
    {
        if (_progressInput) MetaLossNetwork.CheckProgress(progress);
        if (logits.dim() != 3 || logits.shape[0] != _members || logits.shape[1] != _rows || logits.shape[2] != _classes)
            throw new ArgumentException($"logits [{string.Join(", ", logits.shape)}] do not match the targets [{_members}, {_rows}, {_classes}]");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = MemoryMarshal.Cast<byte, float>(logits.to_type(ScalarType.Float32).contiguous().bytes);
        var values = new float[_members];
        var gradient = empty([_members, _rows, _classes], ScalarType.Float32);
        var output = MemoryMarshal.Cast<byte, float>(gradient.bytes);
        if (_wideLanes) Members<Vector512Lanes>(input, output, values, (float)progress);
        else Members<VectorLanes>(input, output, values, (float)progress);
        return (tensor(values, [_members]).MoveToOuterDisposeScope(), gradient.MoveToOuterDisposeScope());
    }

    private void Members<TLanes>(ReadOnlySpan<float> logits, Span<float> gradient, float[] values, float progress) where TLanes : struct, ILanes<TLanes>
    {
        for (var p = 0; p < _members; p++)
        {
            LogSoftmax<TLanes>(logits.Slice(p * _elements, _elements));
            Elements<TLanes>(p, progress);
            values[p] = Rows(gradient.Slice(p * _elements, _elements));
        }
    }

    /// <summary>log y and y = softmax of every row of one member's logits, the exponentials a vector at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LogSoftmax<TLanes>(ReadOnlySpan<float> logits) where TLanes : struct, ILanes<TLanes>
    {
        for (var start = 0; start < _elements; start += _classes)
        {
            var row = logits.Slice(start, _classes);
            var max = row[0];
            foreach (var z in row) max = MathF.Max(max, z);
            for (var k = 0; k < _classes; k++) _logProbabilities[start + k] = row[k] - max;
        }
        for (var e = 0; e < _elements; e += TLanes.Count)
            VectorExp.Of(TLanes.Load(_logProbabilities, e)).Store(_probabilities, e);
        // The padding's exponentials are 1; its probabilities must stay 0 for the row sums below.
        Array.Clear(_probabilities, _elements, _probabilities.Length - _elements);
        for (var start = 0; start < _elements; start += _classes)
        {
            var sum = 0f;
            for (var k = start; k < start + _classes; k++) sum += _probabilities[k];
            var (logSum, inverse) = (MathF.Log(sum), 1 / sum);
            for (var k = start; k < start + _classes; k++)
            {
                _logProbabilities[k] -= logSum;
                _probabilities[k] *= inverse;
            }
        }
    }

    /// <summary>
    /// Every element's loss term o and its gradient with respect to log y (directly and through y),
    /// the steps of <see cref="MlnTrainingLoss"/>'s derivation, a vector of elements at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Elements<TLanes>(int member, float progress) where TLanes : struct, ILanes<TLanes>
    {
        // Member p's rows of the stacked tensors: [P, 2, H] and [P, 2, C] weights (first input's row
        // first), [P, 1, H] and [P, H, 1] biases and output weights, [P, 1, 1] output biases.
        var (hidden, channels) = (member * _hiddenUnits, member * _channels);
        var probabilityWeight = _stacked[Prediction].AsSpan(2 * hidden, _hiddenUnits);
        var logWeight = _stacked[Prediction].AsSpan(2 * hidden + _hiddenUnits, _hiddenUnits);
        var hiddenOut = _stacked[Prediction + 2].AsSpan(hidden, _hiddenUnits);
        var predictionWeight = _stacked[Integration].AsSpan(2 * channels, _channels);
        var targetWeight = _stacked[Integration].AsSpan(2 * channels + _channels, _channels);
        var integrationBias = _stacked[Integration + 1].AsSpan(channels, _channels);
        var integrationOut = _stacked[Integration + 2].AsSpan(channels, _channels);
        var predictionGradientFactor = _predictionGradient.AsSpan(channels, _channels);
        var (hiddenOutBias, integrationOutBias) = (TLanes.Of(_stacked[Prediction + 3][member]), TLanes.Of(_stacked[Integration + 3][member]));
        for (var j = 0; j < _hiddenUnits; j++)
        {
            var bias = TLanes.Of(_stacked[Prediction + 1][hidden + j]);
            (_progressInput ? TLanes.MultiplyAdd(TLanes.Of(_stacked[Progress][hidden + j]), TLanes.Of(progress), bias) : bias).Store(_stepBias, j * TLanes.Count);
        }
        var targetOffset = _sharedTargets ? 0 : member * _padded;
        var (absent, present) = (TLanes.Of(_targetOutputs[2 * member]), TLanes.Of(_targetOutputs[2 * member + 1]));
        // To the last vector holding an element: narrow lanes skip the rest of the padding.
        for (var e = 0; e < _elements; e += TLanes.Count)
        {
            var probability = TLanes.Load(_probabilities, e);
            var logProbability = TLanes.Load(_logProbabilities, e);
            var prediction = hiddenOutBias;
            for (var j = 0; j < _hiddenUnits; j++)
            {
                var h = VectorTanh.Of(TLanes.MultiplyAdd(logProbability, TLanes.Of(logWeight[j]),
                    TLanes.MultiplyAdd(probability, TLanes.Of(probabilityWeight[j]), TLanes.Load(_stepBias, j * TLanes.Count))));
                h.Store(_hidden, j * TLanes.Count);
                prediction = TLanes.MultiplyAdd(h, TLanes.Of(hiddenOut[j]), prediction);
            }

            var target = TLanes.WhereEqual(TLanes.Load(_targets, targetOffset + e), TLanes.One, present, absent);
            var term = integrationOutBias;
            var predictionGradient = TLanes.Zero;
            for (var c = 0; c < _channels; c++)
            {
                var g = VectorTanh.Of(TLanes.MultiplyAdd(prediction, TLanes.Of(predictionWeight[c]),
                    TLanes.MultiplyAdd(target, TLanes.Of(targetWeight[c]), TLanes.Of(integrationBias[c]))));
                term = TLanes.MultiplyAdd(g, TLanes.Of(integrationOut[c]), term);
                predictionGradient = TLanes.MultiplyAdd(OneMinusSquare(g), TLanes.Of(predictionGradientFactor[c]), predictionGradient);
            }

            var viaProbability = TLanes.Zero;
            var viaLog = TLanes.Zero;
            for (var j = 0; j < _hiddenUnits; j++)
            {
                var h = TLanes.Load(_hidden, j * TLanes.Count);
                var hiddenGradient = OneMinusSquare(h) * (predictionGradient * TLanes.Of(hiddenOut[j]));
                viaProbability = TLanes.MultiplyAdd(hiddenGradient, TLanes.Of(probabilityWeight[j]), viaProbability);
                viaLog = TLanes.MultiplyAdd(hiddenGradient, TLanes.Of(logWeight[j]), viaLog);
            }
            term.Store(_terms, e);
            TLanes.MultiplyAdd(viaProbability, probability, viaLog).Store(_inputGradient, e);
        }
    }

    /// <summary>1 - v^2, tanh's derivative from its value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLanes OneMinusSquare<TLanes>(TLanes v) where TLanes : struct, ILanes<TLanes> => TLanes.MultiplyAdd(-v, v, TLanes.One);

    /// <summary>The member's loss (terms summed over classes, averaged over rows), and its logit gradient through log_softmax.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Rows(Span<float> gradient)
    {
        var total = 0f;
        for (var start = 0; start < _elements; start += _classes)
        {
            var (terms, sum) = (0f, 0f);
            for (var k = start; k < start + _classes; k++) (terms, sum) = (terms + _terms[k], sum + _inputGradient[k]);
            for (var k = start; k < start + _classes; k++) gradient[k] = _inputGradient[k] - _probabilities[k] * sum;
            total += terms;
        }
        return total / _rows;
    }

    public void Dispose() { }
}
