using System.Collections.Concurrent;
using MetaLoss.Actors.Evaluation;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>
/// Fake episodes whose first <paramref name="failures"/> distinct specs throw on their first call
/// only, like a transient device fault, failing the whole batch they are in; a retry of the same
/// spec gives the pure result.
/// </summary>
public sealed class FlakyEpisodes(int failures)
{
    private readonly ConcurrentDictionary<(ulong, ulong, float), bool> _seen = new();
    private int _failuresLeft = failures;
    private int _incarnations;

    /// <summary>How many evaluator incarnations asked for a runner: more than the evaluators means restarts.</summary>
    public int Incarnations => Volatile.Read(ref _incarnations);

    public EpisodeBatchRunnerFactory Factory => _ =>
    {
        Interlocked.Increment(ref _incarnations);
        return Run;
    };

    private EpisodeResult[] Run(IReadOnlyList<EpisodeSpec> specs)
    {
        foreach (var spec in specs)
        {
            var key = (spec.TaskSeed, spec.InitSeed, ((LossSpec.MetaLoss)spec.Loss).Phi[0]);
            if (_seen.TryAdd(key, true) && Interlocked.Decrement(ref _failuresLeft) >= 0)
                throw new InvalidOperationException("simulated device fault");
        }
        return FakeEpisodes.Batch(specs);
    }
}
