using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// The first layer of an MLP population that trains on fixed rows X [P, B, F], with its weights held
/// as W = W0 + X^T D. An SGD step changes W by X^T times the step at the layer's output, so the step
/// is added to D [P, B, H] instead, and the layer's output on X is X W0 + (X X^T) D. A step then costs
/// one [B, B] x [B, H] product where the plain form costs two [B, F] x [F, H] products (the forward
/// pass and the weight gradient): with the default episode's 200 rows of 784 features, an eighth of the
/// arithmetic. W itself is formed only when something else needs it (other rows, the norms).
/// </summary>
public sealed class RowSpaceFirstLayer : IDisposable
{
    private readonly Tensor _gram;
    private readonly Tensor _atRows;
    private readonly Tensor _pending;
    private bool _anyPending;

    /// <param name="rows">X [P, B, F], the caller's; it must outlive this</param>
    /// <param name="weights">W0 [P, F, H]</param>
    internal RowSpaceFirstLayer(Tensor rows, Tensor weights)
    {
        Rows = rows;
        _gram = bmm(rows, rows.transpose(1, 2)).DetachFromDisposeScope();
        _atRows = bmm(rows, weights).DetachFromDisposeScope();
        _pending = zeros_like(_atRows).DetachFromDisposeScope();
    }

    internal Tensor Rows { get; }

    /// <summary>
    /// Whether the row form costs less: per step 2B²H against 4BFH, so with fewer rows than features
    /// at most half, which repays the one-off Gram matrix (2B²F) and forming W (2BFH) within two steps.
    /// </summary>
    public static bool Pays(long rows, long features) => rows < features;

    /// <summary>X W without the bias, [P, B, H], in the caller's dispose scope.</summary>
    internal Tensor Output() => bmm(_gram, _pending).add_(_atRows, TorchScalars.One);

    /// <summary>W -= lr X^T g for the step -lr g at the layer's output, [P, B, H].</summary>
    internal void Add(Tensor step)
    {
        _pending.add_(step, TorchScalars.One);
        _anyPending = true;
    }

    /// <summary>Moves the pending steps into <paramref name="weights"/> (W0), which then equal W.</summary>
    internal void Fold(Tensor weights)
    {
        if (!_anyPending) return;
        _anyPending = false;
        using var scope = NewDisposeScope();
        weights.add_(bmm(Rows.transpose(1, 2), _pending), TorchScalars.One);
        _atRows.add_(bmm(_gram, _pending), TorchScalars.One);
        _pending.zero_();
    }

    public void Dispose()
    {
        _gram.Dispose();
        _atRows.Dispose();
        _pending.Dispose();
    }
}
