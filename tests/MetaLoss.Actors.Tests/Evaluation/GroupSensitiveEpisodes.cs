using MetaLoss.Actors.Evaluation;
using MetaLoss.Actors.Messages;
using MetaLoss.Training.Episodes;

namespace MetaLoss.Actors.Tests.Evaluation;

/// <summary>
/// A stand-in for a batched runner whose results depend on the batch-mates (every product of a batch
/// one batched op): a member's fitness is <see cref="FakeEpisodes"/>' mixed with every member of its
/// group and its place in it. Two runs agree only if every group is computed whole, in plan order.
/// </summary>
public static class GroupSensitiveEpisodes
{
    public static EpisodeBatchRunnerFactory Factory { get; } = _ => Batch;

    public static EpisodeResult[] Batch(IReadOnlyList<EpisodeSpec> specs)
    {
        var alone = specs.Select(FakeEpisodes.Run).ToList();
        var group = alone.Aggregate(0UL, (hash, result) => FakeEpisodes.Mix(hash ^ (ulong)BitConverter.DoubleToInt64Bits(result.Fitness)));
        return [.. alone.Select((result, i) => result with { Fitness = (FakeEpisodes.Mix(group ^ (ulong)i) >> 11) * (1.0 / (1UL << 53)) })];
    }

    /// <summary>What an evaluator reports for a group: one result per member, in order.</summary>
    public static IReadOnlyList<EpisodeFinished> Finish(EpisodeGroup group)
    {
        var results = Batch([.. group.Episodes.Select(e => e.Spec)]);
        return [.. group.Episodes.Select((e, i) => new EpisodeFinished(e.Key, results[i].Fitness, results[i].Outcome))];
    }
}
