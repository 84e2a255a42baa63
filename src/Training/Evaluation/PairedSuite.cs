using MetaLoss.Training.Episodes;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Training.Evaluation;

/// <summary>
/// Scores several loss settings on the same episodes: every setting sees the same tasks and the
/// same classifier initialisations, so differences between them come from the loss alone.
/// </summary>
public static class PairedSuite
{
    /// <summary>One result array per setting, in the order given; each in seed order.</summary>
    public static IReadOnlyList<EpisodeResult[]> Run(EpisodeRunner runner, EpisodeSpec template, IReadOnlyList<LossSetting> settings,
        IReadOnlyList<EpisodeSeeds> seeds, int threads, Action<int>? completed = null, CancellationToken cancellation = default)
    {
        if (seeds.Count == 0) throw new ArgumentException("a paired suite needs at least one episode");
        // One flat list, so that the threads stay busy across settings, not only within one.
        var specs = settings
            .SelectMany(setting => seeds.Select(s => setting.ApplyTo(template) with { TaskSeed = s.TaskSeed, InitSeed = s.InitSeed }))
            .ToList();
        return ParallelEpisodes.Run(runner.Run, specs, threads, completed, cancellation).Chunk(seeds.Count).ToList();
    }
}
