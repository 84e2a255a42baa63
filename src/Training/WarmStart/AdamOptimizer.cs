using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.WarmStart;

/// <summary>
/// Adam with torch.optim.Adam's defaults and arithmetic, written here because TorchSharp's own step
/// passes libtorch temporary Scalars (its betas, eps and step size) that a collection on another
/// thread can free mid-call (see <see cref="TorchScalars"/>). Every Scalar here is a field or a
/// per-step local that is disposed only after its last use.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly Scalar _beta1 = Beta1.ToScalar();
    private readonly Scalar _beta2 = Beta2.ToScalar();
    private readonly Scalar _oneMinusBeta1 = (1 - Beta1).ToScalar();
    private readonly Scalar _oneMinusBeta2 = (1 - Beta2).ToScalar();
    private readonly Scalar _epsilon = Epsilon.ToScalar();
    private long _steps;

    public AdamOptimizer(IReadOnlyList<Tensor> parameters)
    {
        _parameters = parameters;
        _firstMoments = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoments = parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Clears the gradients that the next backward pass accumulates into.</summary>
    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var parameter in _parameters) parameter.grad?.zero_();
    }

    /// <summary>One Adam update of every parameter that has a gradient, with step size <paramref name="learningRate"/>.</summary>
    public void Step(double learningRate)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        _steps++;
        var biasCorrection1 = 1 - Math.Pow(Beta1, _steps);
        var biasCorrection2 = 1 - Math.Pow(Beta2, _steps);
        using var stepSize = (-learningRate / biasCorrection1).ToScalar();
        using var secondMomentScale = Math.Sqrt(biasCorrection2).ToScalar();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var gradient = _parameters[i].grad;
            if (gradient is null) continue;
            _firstMoments[i].mul_(_beta1).add_(gradient, _oneMinusBeta1);
            _secondMoments[i].mul_(_beta2).addcmul_(gradient, gradient, _oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().div_(secondMomentScale).add_(_epsilon, TorchScalars.One);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var moment in _firstMoments.Concat(_secondMoments)) moment.Dispose();
        foreach (var scalar in new[] { _beta1, _beta2, _oneMinusBeta1, _oneMinusBeta2, _epsilon }) scalar.Dispose();
    }
}
