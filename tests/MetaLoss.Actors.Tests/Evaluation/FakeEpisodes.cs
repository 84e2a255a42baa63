using MetaLoss.Actors.Evaluation;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>
/// A stand-in for the batched episode runner: each episode a pure function of the spec's seeds
/// and its MLN, so specs run in microseconds without datasets, yet candidates differ and any
/// mix-up of seeds or genomes shows.
/// </summary>
public static class FakeEpisodes
{
    public static EpisodeBatchRunnerFactory Factory { get; } = _ => Batch;

    public static EpisodeResult[] Batch(IReadOnlyList<EpisodeSpec> specs) => specs.Select(Run).ToArray();

    public static EpisodeResult Run(EpisodeSpec spec)
    {
        var phi = ((LossSpec.MetaLoss)spec.Loss).Phi;
        var hash = Mix(spec.TaskSeed ^ Mix(spec.InitSeed));
        foreach (var value in phi.Take(4)) hash = Mix(hash ^ BitConverter.SingleToUInt32Bits(value));
        // The top 53 bits as a double in [0, 1).
        var fitness = (hash >> 11) * (1.0 / (1UL << 53));
        return new EpisodeResult(fitness, EpisodeOutcome.Completed, [], [], []);
    }

    /// <summary>SplitMix64's finaliser.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
