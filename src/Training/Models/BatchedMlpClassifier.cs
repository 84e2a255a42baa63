using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// P independent inner-loop classifiers (three fully connected layers with ReLU) with their weights
/// stacked along a leading member dimension (weights [P, in, out], biases [P, 1, out]), run with bmm,
/// and trained by plain SGD. A lone classifier is the population of one. Kept as bare tensors with
/// its own backward pass rather than a torch Module with autograd: a step is then a few products
/// whose results land in the weights directly, with no gradient buffers to fill, apply and clear.
/// Member p starts from <see cref="ClassifierInitializer.Draw"/> with its own seed. The weights live
/// on <paramref name="device"/> (the CPU by default).
/// </summary>
public sealed class BatchedMlpClassifier : IBatchedClassifier
{
    private readonly Tensor[] _weights;
    private readonly Tensor[] _biases;
    // The first layer in row form for the rows it trains on, while they pay for it; null otherwise.
    private RowSpaceFirstLayer? _rowForm;
    // Every member still has the same weights (a paired group before its first step), so a row form
    // begun now can share work.
    private bool _sameStart;

    public BatchedMlpClassifier(ClassifierShape shape, IReadOnlyList<ulong> initSeeds, Device? device = null)
    {
        shape.Validate();
        if (initSeeds.Count == 0) throw new ArgumentException("a classifier population needs at least one member");
        Shape = shape;
        Members = initSeeds.Count;
        _sameStart = initSeeds.Distinct().Count() == 1;
        var layers = shape.Layers;
        // Drawing is serial C# per seed; spread over the cores it does not hold up the batch. Paired
        // episodes share their seed, so each distinct seed is drawn once, straight into a tensor's
        // memory (no managed copy), and the members take their rows of it in one gather per tensor.
        var seeds = initSeeds.Distinct().ToArray();
        var drawnWeights = layers.Select(l => empty([seeds.Length, l.In, l.Out])).ToArray();
        var drawnBiases = layers.Select(l => empty([seeds.Length, 1, l.Out])).ToArray();
        Parallel.For(0, seeds.Length, s =>
            ClassifierInitializer.DrawInto(shape, seeds[s], (layer, bias) => Member(bias ? drawnBiases[layer] : drawnWeights[layer], s)));
        // A paired group's W0, the largest tensor, stays one tensor seen by every member until a step
        // has to change it in place (see MaterializeFirstLayer): the row form never does.
        var firstShared = _sameStart && Members > 1;
        var weights = ForMembers(firstShared ? drawnWeights[1..] : drawnWeights, initSeeds, seeds);
        if (firstShared) weights = [ExpandedToMembers(drawnWeights[0], Members), .. weights];
        var biases = ForMembers(drawnBiases, initSeeds, seeds);
        _weights = [.. weights.Select(w => OnDevice(w, device))];
        _biases = [.. biases.Select(b => OnDevice(b, device))];
    }

    /// <summary>Each member's row of the tensors drawn per distinct seed; the drawn tensors themselves when every seed is distinct.</summary>
    private static Tensor[] ForMembers(Tensor[] drawn, IReadOnlyList<ulong> initSeeds, ulong[] seeds)
    {
        if (seeds.Length == initSeeds.Count) return drawn;
        using var rows = tensor(initSeeds.Select(seed => (long)Array.IndexOf(seeds, seed)).ToArray());
        var members = drawn.Select(d => d.index_select(0, rows)).ToArray();
        foreach (var d in drawn) d.Dispose();
        return members;
    }

    private static Tensor ExpandedToMembers(Tensor one, int members)
    {
        using (one) return one.expand([members, -1, -1]);
    }

    /// <summary>Member <paramref name="p"/>'s slice of a CPU parameter [P, ...], as floats in its memory.</summary>
    private static Span<float> Member(Tensor parameter, int p)
    {
        var size = (int)(parameter.shape[1] * parameter.shape[2]);
        return MemoryMarshal.Cast<byte, float>(parameter.bytes).Slice(p * size, size);
    }

    private static Tensor OnDevice(Tensor cpu, Device? device)
    {
        if (device is null || device.type == DeviceType.CPU) return cpu;
        using (cpu) return cpu.to(device);
    }

    public ClassifierShape Shape { get; }

    public int Members { get; }

    /// <summary>
    /// The weights and biases as they stand (the first layer's pending steps folded in), to read: a
    /// paired group's first layer may still be one tensor expanded to every member.
    /// </summary>
    public IEnumerable<Tensor> Parameters
    {
        get
        {
            FoldRowForm();
            return _weights.Concat(_biases);
        }
    }

    /// <summary>Logits [P, B, ClassCount] for features [P, B, InputSize] (member p's rows in slice p).</summary>
    public Tensor Forward(Tensor features) => Pass(features).Logits;

    /// <summary>
    /// The forward pass with what <see cref="SgdStep"/> needs from it: the features and each hidden
    /// layer's activations. Its tensors belong to the caller's dispose scope. The rows trained on are
    /// the same at every step of an episode, so the first layer switches to row form for them.
    /// </summary>
    public ForwardPass Train(Tensor features)
    {
        if (_rowForm is not null && RowFormFor(features) is null)
        {
            FoldRowForm();
            _rowForm.Dispose();
            _rowForm = null;
        }
        if (_rowForm is null && RowSpaceFirstLayer.Pays(features.shape[1], Shape.InputSize))
        {
            using var noGrad = no_grad();
            _rowForm = new RowSpaceFirstLayer(features, _weights[0], _sameStart);
        }
        return Pass(features);
    }

    /// <summary>The first layer's row form when it is for these rows (the very tensor trained on), else null.</summary>
    private RowSpaceFirstLayer? RowFormFor(Tensor rows) => _rowForm is { } rowForm && ReferenceEquals(rowForm.Rows, rows) ? rowForm : null;

    private ForwardPass Pass(Tensor features)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var activations = new Tensor[_weights.Length];
        var x = features;
        for (var i = 0; i < _weights.Length; i++)
        {
            x = (i == 0 ? FirstLayer(features) : bmm(x, _weights[i])).add_(_biases[i], TorchScalars.One);
            if (i < _weights.Length - 1) x = x.relu_();
            activations[i] = x;
        }
        foreach (var a in activations) a.MoveToOuterDisposeScope();
        return new ForwardPass(features, activations[..^1], activations[^1]);
    }

    /// <summary>The first layer's output without its bias, in the row form where it holds.</summary>
    private Tensor FirstLayer(Tensor features)
    {
        if (RowFormFor(features) is { } rowForm) return rowForm.Output();
        if (_rowForm?.SharedOutput(features, _weights[0]) is { } shared) return shared;
        // Other rows (validation) read W itself, but training goes on in row form afterwards.
        FoldRowForm();
        return bmm(features, _weights[0]);
    }

    /// <summary>Moves the row form's pending steps into W, which then has to be every member's own.</summary>
    private void FoldRowForm()
    {
        if (_rowForm is not { HasPending: true } rowForm) return;
        MaterializeFirstLayer();
        rowForm.Fold(_weights[0]);
    }

    /// <summary>Gives every member its own copy of a W0 shared by the group, before it changes in place.</summary>
    private void MaterializeFirstLayer()
    {
        if (!RowSpaceFirstLayer.IsShared(_weights[0])) return;
        using var shared = _weights[0];
        // It outlives the step's dispose scope: the classifier disposes its weights.
        _weights[0] = shared.contiguous().DetachFromDisposeScope();
    }

    /// <summary>
    /// theta_p -= lr_p * dL_p/dtheta_p for every member, backpropagated from each member's logit
    /// gradient <paramref name="logitGradient"/> [P, B, K] through <paramref name="pass"/> (the
    /// forward pass those logits came from). <paramref name="negativeRates"/> [P, 1, 1] holds -lr_p:
    /// it scales the logit gradient first, so that each layer's update is one product added to its weights.
    /// </summary>
    public void SgdStep(ForwardPass pass, Tensor logitGradient, Tensor negativeRates)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // The members' own losses and rates part their weights from here on.
        _sameStart = false;
        var step = logitGradient.mul(negativeRates);
        for (var i = _weights.Length - 1; i >= 0; i--)
        {
            var input = i == 0 ? pass.Features : pass.Hidden[i - 1];
            // The step into the layer below uses this layer's weights before they change.
            var below = i == 0 ? null : bmm(step, _weights[i].transpose(1, 2)).mul_(pass.Hidden[i - 1].sign());
            if (i == 0 && RowFormFor(input) is { } rowForm) rowForm.Add(step);
            else
            {
                if (i == 0) MaterializeFirstLayer();
                _weights[i].add_(bmm(input.transpose(1, 2), step), TorchScalars.One);
            }
            _biases[i].add_(step.sum([1], keepdim: true), TorchScalars.One);
            if (below is not null) step = below;
        }
    }

    /// <summary>Per member, the sum of its squared parameters: a cheap check for a classifier that has blown up.</summary>
    public double[] SquaredNorms()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var first = _rowForm?.SquaredNorms(_weights[0]) ?? RowSpaceFirstLayer.SquaredNormsOf(_weights[0]);
        var all = _weights.Skip(1).Concat(_biases)
            .Aggregate(first, (sum, parameter) => sum.add_(parameter.pow(TorchScalars.Two).sum([1, 2]), TorchScalars.One));
        return [.. HostValues.Floats(all).Select(n => (double)n)];
    }

    public void Dispose()
    {
        _rowForm?.Dispose();
        foreach (var parameter in _weights.Concat(_biases)) parameter.Dispose();
    }
}
