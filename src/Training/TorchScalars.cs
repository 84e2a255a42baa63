using TorchSharp;

namespace MetaLoss.Training;

/// <summary>
/// Scalars that outlive every call they are passed to. TorchSharp 0.107's Scalar frees its native
/// value in a finalizer, and its tensor methods hand libtorch the raw handle without keeping the
/// Scalar alive; so a temporary one (an implicit conversion such as <c>add_(g, alpha: -lr)</c>, the
/// alpha of 1 that <c>add_(Tensor)</c> makes inside TorchSharp, or the 2 of <c>square()</c>, which is
/// <c>pow(2)</c>) can be freed by a collection on another thread while libtorch still reads it
/// ("Unknown scalar type", "Scalar toFloat").
/// Static ones are always reachable; a per-call one must be disposed only after the call.
/// TorchSharp's optimizers make such temporaries too, hence the warm start's own AdamOptimizer; the
/// training tests' TorchCallSpecs fail on any call in this library that can make one.
/// </summary>
public static class TorchScalars
{
    public static Scalar One { get; } = 1.ToScalar();

    public static Scalar MinusOne { get; } = (-1).ToScalar();

    public static Scalar Two { get; } = 2.ToScalar();
}
