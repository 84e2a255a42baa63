using MetaLoss.Training.Episodes;

namespace MetaLoss.Training.Probes;

/// <summary>Runs gradient probes on a fixed number of threads; results come back in the order of the specs.</summary>
public static class ParallelProbes
{
    public static GradientProbeResult[] Run(GradientProbe probe, IReadOnlyList<EpisodeSpec> specs, int threads,
        Action<int>? completed = null, CancellationToken cancellation = default)
    {
        var results = new GradientProbeResult[specs.Count];
        var done = 0;
        ParallelWork.For(specs.Count, threads, i =>
        {
            results[i] = probe.Run(specs[i]);
            completed?.Invoke(Interlocked.Increment(ref done));
        }, cancellation);
        return results;
    }
}
