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
        var results = new EpisodeResult[specs.Count];
        var done = 0;
        ParallelWork.For(specs.Count, threads, i =>
        {
            results[i] = runner.Run(specs[i]);
            completed?.Invoke(Interlocked.Increment(ref done));
        }, cancellation);
        return results;
    }
}
