using MetaLoss.Training.Episodes;

namespace MetaLoss.Training.Probes;

/// <summary>Runs gradient probes on a fixed number of threads; results come back in the order of the specs.</summary>
public static class ParallelProbes
{
    public static GradientProbeResult[] Run(GradientProbe probe, IReadOnlyList<EpisodeSpec> specs, int threads,
        Action<int>? completed = null, CancellationToken cancellation = default)
    {
        if (threads <= 0) throw new ArgumentException($"threads must be positive, got {threads}");
        var results = new GradientProbeResult[specs.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        Parallel.For(0, specs.Count, options, i =>
        {
            results[i] = probe.Run(specs[i]);
            completed?.Invoke(Interlocked.Increment(ref done));
        });
        return results;
    }
}
