using static TorchSharp.torch;

namespace MetaLoss.Training.Models;

/// <summary>
/// The first layer of an MLP population that trains on fixed rows X [P, B, F], with its weights held
/// as W = W0 + X^T D. An SGD step changes W by X^T times the step at the layer's output, so the step
/// is added to D [P, B, H] instead, and the layer's output on X is X W0 + (X X^T) D. A step then costs
/// one [B, B] x [B, H] product where the plain form costs two [B, F] x [F, H] products (the forward
/// pass and the weight gradient): with the default episode's 200 rows of 784 features, an eighth of the
/// arithmetic. W itself is formed only when something else needs it (other rows, the norms).
/// When every member trains on the same rows from the same W0 (a paired group: one task, one
/// initialisation), what depends on X and W0 alone is computed once for the group, and so is most of
/// the output on other shared rows V: V W = V W0 + (V X^T) D.
/// </summary>
public sealed class RowSpaceFirstLayer : IDisposable
{
    private readonly Tensor _gram;
    private readonly Tensor _atRows;
    private readonly Tensor _pending;
    private readonly bool _sharedStart;
    private bool _anyPending;
    private bool _folded;
    // V W0 [1, N, H] and V X^T [1, N, B] for the shared rows V last asked about: a recorded
    // validation curve asks at every step, and they hold as long as W0 does (until a fold).
    private (Tensor Rows, Tensor AtRows, Tensor Cross)? _sharedOther;

    /// <param name="rows">X [P, B, F], the caller's; it must outlive this</param>
    /// <param name="weights">W0 [P, F, H]</param>
    /// <param name="sameWeights">whether every member's W0 is the same</param>
    internal RowSpaceFirstLayer(Tensor rows, Tensor weights, bool sameWeights)
    {
        Rows = rows;
        _sharedStart = sameWeights && IsShared(rows);
        if (_sharedStart)
        {
            var one = rows.narrow(0, 0, 1);
            _gram = bmm(one, one.transpose(1, 2)).expand([rows.shape[0], -1, -1]).DetachFromDisposeScope();
            _atRows = bmm(one, weights.narrow(0, 0, 1)).expand([rows.shape[0], -1, -1]).contiguous().DetachFromDisposeScope();
        }
        else
        {
            _gram = bmm(rows, rows.transpose(1, 2)).DetachFromDisposeScope();
            _atRows = bmm(rows, weights).DetachFromDisposeScope();
        }
        _pending = zeros_like(_atRows).DetachFromDisposeScope();
    }

    internal Tensor Rows { get; }

    /// <summary>
    /// Whether the row form costs less: per step 2B²H against 4BFH, so with fewer rows than features
    /// at most half, which repays the one-off Gram matrix (2B²F) and forming W (2BFH) within two steps.
    /// </summary>
    public static bool Pays(long rows, long features) => rows < features;

    /// <summary>
    /// Whether P members sharing rows and W0 pay less for their output on N other shared rows through
    /// the row form: (N F H + N B F) once plus N B H each, against N F H each. N cancels; with the
    /// default episode it pays from P = 3. Forming W, which only the plain way needs, is left out,
    /// so where this errs it errs towards the plain way.
    /// </summary>
    public static bool SharedOutputPays(long members, long rows, long features, long hidden) =>
        members * (features * hidden - rows * hidden) > features * hidden + rows * features;

    /// <summary>Whether <paramref name="rows"/> [P, ...] holds one set of values (rows, weights) expanded to every member.</summary>
    public static bool IsShared(Tensor rows) => rows.shape[0] > 1 && rows.stride(0) == 0;

    /// <summary>X W without the bias, [P, B, H], in the caller's dispose scope.</summary>
    internal Tensor Output() => bmm(_gram, _pending).add_(_atRows, TorchScalars.One);

    /// <summary>
    /// V W without the bias, [P, N, H], for other rows V shared by every member, from W0
    /// <paramref name="weights"/> as it was when this began; null when that does not hold or does not pay.
    /// </summary>
    internal Tensor? SharedOutput(Tensor other, Tensor weights)
    {
        if (!_sharedStart || _folded || !IsShared(other)
            || !SharedOutputPays(other.shape[0], Rows.shape[1], Rows.shape[2], weights.shape[2])) return null;
        if (_sharedOther is not { } cached || !ReferenceEquals(cached.Rows, other))
        {
            DisposeSharedOther();
            var one = other.narrow(0, 0, 1);
            cached = (other, bmm(one, weights.narrow(0, 0, 1)).DetachFromDisposeScope(),
                bmm(one, Rows.narrow(0, 0, 1).transpose(1, 2)).DetachFromDisposeScope());
            _sharedOther = cached;
        }
        return bmm(cached.Cross.expand([other.shape[0], -1, -1]), _pending).add_(cached.AtRows, TorchScalars.One);
    }

    private void DisposeSharedOther()
    {
        if (_sharedOther is not { } cached) return;
        cached.AtRows.Dispose();
        cached.Cross.Dispose();
        _sharedOther = null;
    }

    /// <summary>
    /// Per member, the sum of squares of W = W0 + X^T D [P], without forming W:
    /// |W0|² + 2 &lt;X W0, D&gt; + &lt;D, (X X^T) D&gt;, one [B, B] x [B, H] product instead of an [F, B] x [B, H] one.
    /// </summary>
    internal Tensor SquaredNorms(Tensor weights)
    {
        var norms = SquaredNormsOf(weights);
        if (!_anyPending) return norms;
        return norms.add_(_atRows.mul(_pending).sum([1, 2]), TorchScalars.Two)
            .add_(bmm(_gram, _pending).mul_(_pending).sum([1, 2]), TorchScalars.One);
    }

    /// <summary>Per member, the sum of squares of <paramref name="weights"/> [P, ...], [P]; once for a tensor every member shares.</summary>
    internal static Tensor SquaredNormsOf(Tensor weights) => IsShared(weights)
        ? weights.narrow(0, 0, 1).pow(TorchScalars.Two).sum([1, 2]).expand([weights.shape[0]]).contiguous()
        : weights.pow(TorchScalars.Two).sum([1, 2]);

    internal bool HasPending => _anyPending;

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
        _folded = true;
        using var scope = NewDisposeScope();
        weights.add_(bmm(Rows.transpose(1, 2), _pending), TorchScalars.One);
        _atRows.add_(bmm(_gram, _pending), TorchScalars.One);
        _pending.zero_();
    }

    public void Dispose()
    {
        DisposeSharedOther();
        _gram.Dispose();
        _atRows.Dispose();
        _pending.Dispose();
    }
}
