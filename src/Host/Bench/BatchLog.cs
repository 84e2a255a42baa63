using System.Diagnostics;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Host.Bench;

/// <summary>
/// The batches evaluators ran, in the order they started, with their results: the work a direct
/// run repeats, and what its results must equal.
/// </summary>
public sealed class BatchLog
{
    private readonly object _gate = new();
    private readonly List<LoggedBatch> _batches = [];

    public IReadOnlyList<LoggedBatch> Batches
    {
        get
        {
            lock (_gate) return [.. _batches];
        }
    }

    public EpisodeBatchRunner Wrap(EpisodeBatchRunner runner) => specs =>
    {
        var batch = new LoggedBatch(specs.ToList(), Stopwatch.GetTimestamp());
        lock (_gate) _batches.Add(batch);
        batch.Results = runner(specs);
        return batch.Results;
    };

    /// <summary>
    /// The batches split into generations of equal episode counts. No lease spans two generations
    /// and every batch of one starts before any of the next, so start order splits cleanly.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<LoggedBatch>> ByGeneration(int generations)
    {
        var batches = Batches;
        var total = batches.Sum(b => b.Specs.Count);
        if (total % generations != 0)
            throw new InvalidOperationException($"{total} episodes do not split into {generations} equal generations (a batch was retried?)");
        var perGeneration = total / generations;
        var split = new List<IReadOnlyList<LoggedBatch>>();
        var current = new List<LoggedBatch>();
        var episodes = 0;
        foreach (var batch in batches)
        {
            current.Add(batch);
            episodes += batch.Specs.Count;
            if (episodes % perGeneration != 0) continue;
            if (episodes / perGeneration != split.Count + 1)
                throw new InvalidOperationException("a batch spans two generations");
            split.Add(current);
            current = [];
        }
        return split;
    }
}

/// <summary>One batch an evaluator ran, and when it started (<see cref="Stopwatch.GetTimestamp"/>); its results are set when it ends.</summary>
public sealed class LoggedBatch(IReadOnlyList<EpisodeSpec> specs, long started)
{
    public IReadOnlyList<EpisodeSpec> Specs { get; } = specs;

    public long Started { get; } = started;

    public EpisodeResult[]? Results { get; set; }
}
