using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// An MLN population's loss and logit gradient on the CPU in one pass over each member's elements:
/// the function and hand-derived gradient of <see cref="MlnTrainingLoss"/> (derivation there), with
/// the elements in vector lanes and an element's hidden units in registers, so that none of the
/// twenty-odd [P, H, M] tensors of the op-by-op form is ever written to memory. Its tanh is
/// <see cref="VectorTanh"/> rather than libtorch's, so its bits differ from that form's by float
/// rounding; they depend on the inputs alone (not on the thread, the group or the vector width),
/// so runs stay bit-identical on a machine.
/// </summary>
public sealed class CpuMlnTrainingLoss : ITrainingLoss
{
    private readonly int _members, _rows, _classes, _elements;
    private readonly bool _progressInput;
    private readonly MemberWeights[] _weights;
    private readonly float[] _targetChannel;
    private readonly float[] _logProbabilities, _probabilities, _terms, _inputGradient;
    private readonly Vector<float>[] _hidden, _stepBias;

    public CpuMlnTrainingLoss(MetaLossNetwork mln, Tensor oneHotTargets)
    {
        if (oneHotTargets.dim() != 3 || oneHotTargets.shape[0] != mln.Members)
            throw new ArgumentException($"an MLN of {mln.Members} members trains on targets [{mln.Members}, B, K], got [{string.Join(", ", oneHotTargets.shape)}]");
        if (oneHotTargets.device_type != DeviceType.CPU)
            throw new ArgumentException($"the CPU form of the MLN's loss needs targets on the CPU, got {oneHotTargets.device}");
        (_members, _rows, _classes) = ((int)oneHotTargets.shape[0], (int)oneHotTargets.shape[1], (int)oneHotTargets.shape[2]);
        _elements = _rows * _classes;
        _progressInput = mln.Architecture.ProgressInput;
        var stacked = mln.StackedValues();
        _weights = Enumerable.Range(0, _members).Select(p => new MemberWeights(mln.Architecture, stacked, p, _rows)).ToArray();

        // Whole vectors only: each member's elements are padded to a multiple of the width with zeros, whose results are never read.
        var padded = (_elements + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        _targetChannel = new float[_members * padded];
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var channel = HostValues.Floats(mln.TargetChannel(oneHotTargets));
            for (var p = 0; p < _members; p++) Array.Copy(channel, p * _elements, _targetChannel, p * padded, _elements);
        }
        (_logProbabilities, _probabilities, _terms, _inputGradient) = (new float[padded], new float[padded], new float[padded], new float[padded]);
        _hidden = new Vector<float>[mln.Architecture.PredictionHidden];
        _stepBias = new Vector<float>[mln.Architecture.PredictionHidden];
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
        for (var p = 0; p < _members; p++)
        {
            LogSoftmax(input.Slice(p * _elements, _elements));
            Elements(_weights[p], p * _probabilities.Length, (float)progress);
            values[p] = Rows(output.Slice(p * _elements, _elements));
        }
        return (tensor(values, [_members]).MoveToOuterDisposeScope(), gradient.MoveToOuterDisposeScope());
    }

    /// <summary>log y and y = softmax of every row of one member's logits, the exponentials a vector at a time.</summary>
    private void LogSoftmax(ReadOnlySpan<float> logits)
    {
        for (var start = 0; start < _elements; start += _classes)
        {
            var row = logits.Slice(start, _classes);
            var max = row[0];
            foreach (var z in row) max = MathF.Max(max, z);
            for (var k = 0; k < _classes; k++) _logProbabilities[start + k] = row[k] - max;
        }
        for (var e = 0; e < _elements; e += Vector<float>.Count)
            VectorExp.Of(new Vector<float>(_logProbabilities, e)).CopyTo(_probabilities, e);
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
    private void Elements(MemberWeights w, int targetOffset, float progress)
    {
        for (var j = 0; j < _hidden.Length; j++)
            _stepBias[j] = _progressInput ? Vector.FusedMultiplyAdd(w.Progress![j], new Vector<float>(progress), w.HiddenBias[j]) : w.HiddenBias[j];
        for (var e = 0; e < _terms.Length; e += Vector<float>.Count)
        {
            var probability = new Vector<float>(_probabilities, e);
            var logProbability = new Vector<float>(_logProbabilities, e);
            var prediction = w.HiddenOutBias;
            for (var j = 0; j < _hidden.Length; j++)
            {
                var h = VectorTanh.Of(Vector.FusedMultiplyAdd(logProbability, w.LogWeight[j],
                    Vector.FusedMultiplyAdd(probability, w.ProbabilityWeight[j], _stepBias[j])));
                _hidden[j] = h;
                prediction = Vector.FusedMultiplyAdd(h, w.HiddenOut[j], prediction);
            }

            var target = new Vector<float>(_targetChannel, targetOffset + e);
            var term = w.IntegrationOutBias;
            var predictionGradient = Vector<float>.Zero;
            for (var c = 0; c < w.IntegrationBias.Length; c++)
            {
                var g = VectorTanh.Of(Vector.FusedMultiplyAdd(prediction, w.PredictionWeight[c],
                    Vector.FusedMultiplyAdd(target, w.TargetWeight[c], w.IntegrationBias[c])));
                term = Vector.FusedMultiplyAdd(g, w.IntegrationOut[c], term);
                predictionGradient = Vector.FusedMultiplyAdd(OneMinusSquare(g), w.PredictionGradient[c], predictionGradient);
            }

            var viaProbability = Vector<float>.Zero;
            var viaLog = Vector<float>.Zero;
            for (var j = 0; j < _hidden.Length; j++)
            {
                var h = _hidden[j];
                var hiddenGradient = OneMinusSquare(h) * (predictionGradient * w.HiddenOut[j]);
                viaProbability = Vector.FusedMultiplyAdd(hiddenGradient, w.ProbabilityWeight[j], viaProbability);
                viaLog = Vector.FusedMultiplyAdd(hiddenGradient, w.LogWeight[j], viaLog);
            }
            term.CopyTo(_terms, e);
            Vector.FusedMultiplyAdd(viaProbability, probability, viaLog).CopyTo(_inputGradient, e);
        }
    }

    /// <summary>1 - v^2, tanh's derivative from its value.</summary>
    private static Vector<float> OneMinusSquare(Vector<float> v) => Vector.FusedMultiplyAdd(-v, v, Vector<float>.One);

    /// <summary>The member's loss (terms summed over classes, averaged over rows), and its logit gradient through log_softmax.</summary>
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

    /// <summary>One member's parameters, each broadcast to a vector, and da/dg's factor w4 ga / B per integration channel.</summary>
    private sealed class MemberWeights
    {
        public MemberWeights(MlnArchitecture architecture, float[][] stacked, int member, int rows)
        {
            var (hidden, channels) = (architecture.PredictionHidden, architecture.IntegrationChannels);
            Vector<float>[] Row(int tensor, int row, int length)
            {
                var start = member * architecture.Tensors[tensor].Length + row * length;
                var values = new Vector<float>[length];
                for (var i = 0; i < length; i++) values[i] = new Vector<float>(stacked[tensor][start + i]);
                return values;
            }
            const int prediction = MetaLossNetwork.Prediction, integration = MetaLossNetwork.Integration;
            ProbabilityWeight = Row(prediction, 0, hidden);
            LogWeight = Row(prediction, 1, hidden);
            HiddenBias = Row(prediction + 1, 0, hidden);
            HiddenOut = Row(prediction + 2, 0, hidden);
            HiddenOutBias = Row(prediction + 3, 0, 1)[0];
            PredictionWeight = Row(integration, 0, channels);
            TargetWeight = Row(integration, 1, channels);
            IntegrationBias = Row(integration + 1, 0, channels);
            IntegrationOut = Row(integration + 2, 0, channels);
            IntegrationOutBias = Row(integration + 3, 0, 1)[0];
            PredictionGradient = new Vector<float>[channels];
            for (var c = 0; c < channels; c++) PredictionGradient[c] = IntegrationOut[c] * PredictionWeight[c] / new Vector<float>(rows);
            Progress = architecture.ProgressInput ? Row(MetaLossNetwork.Progress, 0, hidden) : null;
        }

        public Vector<float>[] ProbabilityWeight { get; }
        public Vector<float>[] LogWeight { get; }
        public Vector<float>[] HiddenBias { get; }
        public Vector<float>[] HiddenOut { get; }
        public Vector<float> HiddenOutBias { get; }
        public Vector<float>[] PredictionWeight { get; }
        public Vector<float>[] TargetWeight { get; }
        public Vector<float>[] IntegrationBias { get; }
        public Vector<float>[] IntegrationOut { get; }
        public Vector<float> IntegrationOutBias { get; }
        public Vector<float>[] PredictionGradient { get; }
        public Vector<float>[]? Progress { get; }
    }
}
