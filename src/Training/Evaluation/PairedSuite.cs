using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Evaluation;

/// <summary>
/// Scores several loss settings on the same episodes: every setting sees the same tasks and the
/// same classifier initialisations, so differences between them come from the loss alone. An
/// episode's settings run as groups of <see cref="GroupLimit"/> in the order given, each member with
/// its own loss (<see cref="BatchedEpisodeRunner.Run(IReadOnlyList{EpisodeSpec})"/>), so they share the
/// episode's sampling, its classifier start and its first-layer products. A setting's result
/// therefore depends on the suite's settings and the seed, never on the threads.
/// </summary>
public static class PairedSuite
{
    /// <summary>
    /// Settings run together at most: a group holds every member's classifier and activations at
    /// once (a CNN's on CIFAR-10 are tens of MB each), and sharing already pays from three members.
    /// </summary>
    public const int GroupLimit = 16;

    /// <summary>One result array per setting, in the order given; each in seed order. <paramref name="completed"/> hears episodes done.</summary>
    public static IReadOnlyList<EpisodeResult[]> Run(BatchedEpisodeRunner runner, EpisodeSpec template, IReadOnlyList<LossSetting> settings,
        IReadOnlyList<EpisodeSeeds> seeds, int threads, Action<int>? completed = null, CancellationToken cancellation = default)
    {
        if (seeds.Count == 0) throw new ArgumentException("a paired suite needs at least one episode");
        var results = settings.Select(_ => new EpisodeResult[seeds.Count]).ToList();
        var done = 0;
        ParallelWork.For(seeds.Count, threads, e =>
        {
            var specs = settings.Select(s => s.ApplyTo(template) with { TaskSeed = seeds[e].TaskSeed, InitSeed = seeds[e].InitSeed }).ToList();
            for (var first = 0; first < specs.Count; first += GroupLimit)
            {
                var chunk = specs.Skip(first).Take(GroupLimit).ToList();
                var episode = runner.Run(chunk);
                for (var s = 0; s < chunk.Count; s++) results[first + s][e] = episode[s];
                completed?.Invoke(Interlocked.Add(ref done, chunk.Count));
            }
        }, cancellation);
        return results;
    }
}
