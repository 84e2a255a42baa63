using System.Diagnostics;
using MetaLoss.Training;
using static TorchSharp.torch;

namespace MetaLoss.Host.Bench;

/// <summary>The practical ceiling: GFLOP/s of a plain square float32 torch.mm, by intra-op thread count, best of the rounds.</summary>
public sealed class MatmulCeiling(IEnumerable<int> threadCounts)
{
    public const int Size = 2048;
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
        $"torch.mm {Size}x{Size} float32 = " + string.Join(", ", _best.Select(b => $"{b.Value:F1} GFLOP/s on {Threads(b.Key)}"));

    public static string Threads(int count) => count == 1 ? "1 thread" : $"{count} threads";

    private static double Measure()
    {
        using var scope = NewDisposeScope();
        var a = rand(Size, Size);
        var b = rand(Size, Size);
        a.mm(b).Dispose();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Repetitions; i++) a.mm(b).Dispose();
        return 2.0 * Size * Size * Size * Repetitions / stopwatch.Elapsed.TotalSeconds / 1e9;
    }
}
