using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.WarmStart;

/// <summary>
/// Random (logits, one-hot targets) batches shaped like the states an inner-loop classifier passes
/// through: logits = scale * (N(0, 1) + margin * onehot), with the scale log-uniform between
/// near-uniform and confident predictions, and a per-row margin in [0, 2) so that correct,
/// undecided and confidently wrong rows all occur, as they do while a classifier learns.
/// </summary>
internal sealed class LogitStateSampler(ulong seed, WarmStartSettings settings) : IDisposable
{
    /// <summary>Static, so never finalized during a call (see TorchScalars).</summary>
    private static readonly Scalar MaxMargin = 2.0.ToScalar();

    private readonly Generator _generator = new(seed);

    /// <summary>A batch of <see cref="WarmStartSettings.BatchSize"/> rows over <paramref name="classes"/> classes.</summary>
    public (Tensor Logits, Tensor Targets) Next(int classes)
    {
        using var scope = NewDisposeScope();
        var rows = settings.BatchSize;
        var logMin = Math.Log(settings.MinLogitScale);
        var logMax = Math.Log(settings.MaxLogitScale);
        // Disposed after its last use, so that no collection can free it during one.
        using var scale = Math.Exp(logMin + (logMax - logMin) * rand(1, generator: _generator).item<float>()).ToScalar();
        var labels = randint(0, classes, [rows], generator: _generator, dtype: ScalarType.Int64);
        var targets = nn.functional.one_hot(labels, classes).to_type(ScalarType.Float32);
        var margins = rand([rows, 1], generator: _generator).mul_(MaxMargin);
        var logits = randn([rows, classes], generator: _generator).add_(targets.mul(margins), TorchScalars.One).mul_(scale);
        return (logits.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope());
    }

    public void Dispose() => _generator.Dispose();
}
