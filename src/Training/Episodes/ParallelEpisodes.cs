namespace MetaLoss.Training.Episodes;

/// <summary>
/// Runs independent episodes (plain ones, gradient probes, ...) on a fixed number of threads, one
/// torch intra-op thread each, and returns results in the order of the specs (the order work
/// finished in never matters).
/// </summary>
public static class ParallelEpisodes
{
    public static TResult[] Run<TResult>(Func<EpisodeSpec, TResult> run, IReadOnlyList<EpisodeSpec> specs, int threads,
        Action<int>? completed = null, CancellationToken cancellation = default)
    {
        var results = new TResult[specs.Count];
        var done = 0;
        ParallelWork.For(specs.Count, threads, i =>
        {
            results[i] = run(specs[i]);
            completed?.Invoke(Interlocked.Increment(ref done));
        }, cancellation);
        return results;
    }
}
