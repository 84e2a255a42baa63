namespace MetaLoss.Training.Episodes;

/// <summary>
/// Runs independent episodes on a fixed number of threads, one torch intra-op thread each, and
/// returns results in the order of the specs (the order work finished in never matters).
/// </summary>
public static class ParallelEpisodes
{
    public static EpisodeResult[] Run(EpisodeRunner runner, IReadOnlyList<EpisodeSpec> specs, int threads,
        Action<int>? completed = null, CancellationToken cancellation = default)
    {
        if (threads <= 0) throw new ArgumentException($"threads must be positive, got {threads}");
        var results = new EpisodeResult[specs.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        Parallel.For(0, specs.Count, options, i =>
        {
            results[i] = runner.Run(specs[i]);
            completed?.Invoke(Interlocked.Increment(ref done));
        });
        return results;
    }
}
