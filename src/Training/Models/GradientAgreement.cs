using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// How closely one logit gradient follows a reference: the cosine of the angle between them (direction)
/// and the ratio of their norms (step size), each over the whole flattened [B, K] gradient.
/// </summary>
public sealed record GradientAgreement(double Cosine, double NormRatio)
{
    public static GradientAgreement Between(Tensor gradient, Tensor reference)
    {
        using var scope = NewDisposeScope();
        // Double precision, so that identical gradients agree to rounding error, not float32's.
        var g = gradient.flatten().to_type(ScalarType.Float64);
        var r = reference.flatten().to_type(ScalarType.Float64);
        var gradientNorm = g.norm().item<double>();
        var referenceNorm = r.norm().item<double>();
        var dot = g.dot(r).item<double>();
        return new GradientAgreement(dot / (gradientNorm * referenceNorm), gradientNorm / referenceNorm);
    }

    /// <summary>The mean cosine and mean norm ratio of several measurements.</summary>
    public static GradientAgreement Mean(IReadOnlyCollection<GradientAgreement> measurements)
    {
        if (measurements.Count == 0) throw new ArgumentException("no measurements to average", nameof(measurements));
        return new GradientAgreement(measurements.Average(m => m.Cosine), measurements.Average(m => m.NormRatio));
    }
}
