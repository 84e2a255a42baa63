using System.Diagnostics;
using MetaLoss.Training;
using static TorchSharp.torch;

namespace MetaLoss.Host.Bench;

/// <summary>The practical ceiling: GFLOP/s of a plain square float32 torch.mm, by intra-op thread count, best of the rounds.</summary>
public sealed class MatmulCeiling(int size, IEnumerable<int> threadCounts)
{
    /// <summary>Large enough for MKL to reach its peak on a CPU; a GPU's needs a larger one.</summary>
    public const int DefaultSize = 2048;

    /// <summary>Three such matrices take 768 MB: more would only measure the machine's memory.</summary>
    public const int MaxSize = 8192;
    private const int Repetitions = 10;

    private readonly SortedDictionary<int, double> _best = new(threadCounts.Distinct().ToDictionary(t => t, _ => 0.0));

    public IReadOnlyDictionary<int, double> Best => _best;

    /// <summary>Measures every thread count once more; the fastest round counts.</summary>
    public void MeasureRound()
    {
        foreach (var threads in _best.Keys.ToList())
        {
            TorchThreads.Configure(threads);
            _best[threads] = Math.Max(_best[threads], Measure());
        }
    }

    /// <summary>The ceiling for work spread over <paramref name="threads"/> cores.</summary>
    public double For(int threads) => _best[threads];

    public string Describe() =>
        $"torch.mm {size}x{size} float32 = " + string.Join(", ", _best.Select(b => $"{b.Value:F1} GFLOP/s on {Threads(b.Key)}"));

    public static string Threads(int count) => count == 1 ? "1 thread" : $"{count} threads";

    private double Measure()
    {
        using var scope = NewDisposeScope();
        var a = rand(size, size);
        var b = rand(size, size);
        a.mm(b).Dispose();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Repetitions; i++) a.mm(b).Dispose();
        return 2.0 * size * size * size * Repetitions / stopwatch.Elapsed.TotalSeconds / 1e9;
    }
}
