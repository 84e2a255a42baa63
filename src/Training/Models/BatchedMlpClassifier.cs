using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// P independent inner-loop classifiers with their weights stacked along a leading member
/// dimension (weights [P, in, out], biases [P, 1, out]) and run with bmm, so a population trains
/// in a few large products instead of many small ones. Member p starts from exactly the weights of
/// <c>new MlpClassifier(shape, initSeeds[p])</c> and, given the same gradients, steps exactly as it does.
/// The weights live on <paramref name="device"/> (the CPU by default).
/// </summary>
public sealed class BatchedMlpClassifier : IDisposable
{
    private readonly Tensor[] _weights;
    private readonly Tensor[] _biases;

    public BatchedMlpClassifier(ClassifierShape shape, IReadOnlyList<ulong> initSeeds, Device? device = null)
    {
        shape.Validate();
        if (initSeeds.Count == 0) throw new ArgumentException("a batched classifier needs at least one member");
        Shape = shape;
        Members = initSeeds.Count;
        var layers = shape.Layers;
        var weights = layers.Select(l => new float[Members * l.In * l.Out]).ToArray();
        var biases = layers.Select(l => new float[Members * l.Out]).ToArray();
        // Drawing is serial C# per member; spread over the cores it does not hold up the batch.
        Parallel.For(0, Members, p =>
        {
            var drawn = ClassifierInitializer.Draw(shape, initSeeds[p]);
            for (var layer = 0; layer < layers.Count; layer++)
            {
                drawn[layer].Weight.CopyTo(weights[layer], p * drawn[layer].Weight.Length);
                drawn[layer].Bias.CopyTo(biases[layer], p * drawn[layer].Bias.Length);
            }
        });
        _weights = new Tensor[layers.Count];
        _biases = new Tensor[layers.Count];
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var (input, output) = layers[layer];
            _weights[layer] = tensor(weights[layer], [Members, input, output], device: device).requires_grad_();
            _biases[layer] = tensor(biases[layer], [Members, 1, output], device: device).requires_grad_();
        }
    }

    public ClassifierShape Shape { get; }

    public int Members { get; }

    public IEnumerable<Tensor> Parameters => _weights.Concat(_biases);

    /// <summary>Logits [P, B, ClassCount] for features [P, B, InputSize] (member p's rows in slice p).</summary>
    public Tensor Forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = features;
        for (var i = 0; i < _weights.Length; i++)
        {
            x = bmm(x, _weights[i]).add_(_biases[i], TorchScalars.One);
            if (i < _weights.Length - 1) x = x.relu_();
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// theta_p -= lr_p * grad_p for the members in <paramref name="groups"/>, then clears all
    /// gradients; members in no group (flagged ones) keep their weights. Each group is one fused
    /// add with alpha = -lr, the arithmetic of MlpClassifier.SgdStep, so a member's step matches
    /// its lone step bit for bit (lr * grad rounded first, then added, would not).
    /// </summary>
    public void SgdStep(IReadOnlyList<SgdGroup> groups)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Disposed after their last use, so that no collection can free one during a call (see TorchScalars).
        var alphas = groups.Select(g => (-g.LearningRate).ToScalar()).ToArray();
        try
        {
            foreach (var parameter in Parameters)
            {
                var gradient = parameter.grad;
                if (gradient is null) continue;
                for (var g = 0; g < groups.Count; g++)
                {
                    if (groups[g].Members.Length == Members)
                    {
                        parameter.add_(gradient, alphas[g]);
                        continue;
                    }
                    var members = tensor(groups[g].Members, ScalarType.Int64, device: parameter.device);
                    parameter.index_add_(0, members, gradient.index_select(0, members), alphas[g]);
                }
                gradient.zero_();
            }
        }
        finally
        {
            foreach (var alpha in alphas) alpha.Dispose();
        }
    }

    /// <summary>Per member, the sum of its squared parameters (MlpClassifier.SquaredNorm for each).</summary>
    public double[] SquaredNorms()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var norms = new double[Members];
        foreach (var parameter in Parameters)
        {
            var perMember = HostValues.Floats(parameter.pow(TorchScalars.Two).sum([1, 2]));
            for (var p = 0; p < Members; p++) norms[p] += perMember[p];
        }
        return norms;
    }

    public void Dispose()
    {
        foreach (var parameter in Parameters) parameter.Dispose();
    }
}
