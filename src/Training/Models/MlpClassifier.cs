using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// The inner-loop classifier: three fully connected layers with ReLU, trained by plain SGD.
/// Kept as bare tensors rather than a torch Module so one step is explicit and cheap.
/// </summary>
public sealed class MlpClassifier : IDisposable
{
    private readonly Tensor[] _weights;
    private readonly Tensor[] _biases;

    public MlpClassifier(ClassifierShape shape, ulong initSeed, Device? device = null)
    {
        shape.Validate();
        Shape = shape;
        var drawn = ClassifierInitializer.Draw(shape, initSeed);
        _weights = new Tensor[drawn.Count];
        _biases = new Tensor[drawn.Count];
        for (var i = 0; i < drawn.Count; i++)
        {
            var (input, output) = shape.Layers[i];
            _weights[i] = tensor(drawn[i].Weight, [input, output], device: device).requires_grad_();
            _biases[i] = tensor(drawn[i].Bias, [output], device: device).requires_grad_();
        }
    }

    public ClassifierShape Shape { get; }

    public IEnumerable<Tensor> Parameters => _weights.Concat(_biases);

    /// <summary>Logits [B, ClassCount] for features [B, InputSize].</summary>
    public Tensor Forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = features;
        for (var i = 0; i < _weights.Length; i++)
        {
            x = x.mm(_weights[i]).add_(_biases[i], TorchScalars.One);
            if (i < _weights.Length - 1) x = x.relu_();
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>theta -= lr * grad, then clears the gradients.</summary>
    public void SgdStep(double learningRate)
    {
        using var noGrad = no_grad();
        // Disposed after the last use, so that no collection can free it during one (see TorchScalars).
        using var alpha = (-learningRate).ToScalar();
        foreach (var parameter in Parameters)
        {
            var gradient = parameter.grad;
            if (gradient is null) continue;
            parameter.add_(gradient, alpha);
            gradient.zero_();
        }
    }

    /// <summary>Sum of squared parameters: a cheap check for a classifier that has blown up.</summary>
    public double SquaredNorm()
    {
        using var noGrad = no_grad();
        return Parameters.Sum(p => { using var s = p.pow(TorchScalars.Two).sum(); return s.item<float>(); });
    }

    public void Dispose()
    {
        foreach (var parameter in Parameters) parameter.Dispose();
    }
}
