using MetaLoss.Actors.Messages;

namespace MetaLoss.Actors.Population;

/// <summary>Names one group of a generation's plan: its phase (training or meta-validation) and its place in it.</summary>
public readonly record struct GroupKey(long Generation, bool MetaValidation, int Index)
{
    public override string ToString() => $"g{Generation}/{(MetaValidation ? "v" : "e")}group{Index}";
}

/// <summary>Episodes always computed together: one group of the plan.</summary>
public sealed record PlannedGroup(GroupKey Key, IReadOnlyList<EpisodeKey> Episodes);

/// <summary>
/// How a generation's episodes are split into the groups that are computed together. A pure function
/// of the run's settings and the generation: each phase's episode keys in their canonical order
/// (candidate, then episode), cut into consecutive groups of the run's batch size, the last one
/// shorter. A phase's episodes share every batch property (dataset, sizes, steps, loss kind), so a
/// group never mixes training and meta-validation episodes. Who computes a group, and when, cannot
/// change what is in it.
/// A run whose task distribution varies episodes draws one regime per episode index, so its training
/// phase is planned episode-major instead (<see cref="CutByEpisode"/>): each group holds candidates of
/// one episode index, which share a batch key.
/// </summary>
public static class GroupPlan
{
    public static IReadOnlyList<PlannedGroup> Cut(long generation, bool metaValidation, IReadOnlyList<EpisodeKey> canonical, int batchSize) =>
        [.. canonical.Chunk(batchSize).Select((keys, index) => new PlannedGroup(new GroupKey(generation, metaValidation, index), keys))];

    /// <summary>
    /// Training episodes episode-major: for each episode index, its candidates in order, cut into groups
    /// of the batch size that never cross an episode index (each index's last group may be shorter).
    /// </summary>
    public static IReadOnlyList<PlannedGroup> CutByEpisode(long generation, int candidates, int episodesPerCandidate, int batchSize) =>
    [
        .. Enumerable.Range(0, episodesPerCandidate)
            .SelectMany(episode => Enumerable.Range(0, candidates).Select(candidate => new EpisodeKey(generation, candidate, episode)).Chunk(batchSize))
            .Select((keys, index) => new PlannedGroup(new GroupKey(generation, MetaValidation: false, index), keys)),
    ];

    /// <summary>
    /// The groups of one lease: whole groups, in order, as many as <paramref name="maxEpisodes"/> holds,
    /// and at least one (a group is never split; the run's batch size is checked against the lease cap).
    /// </summary>
    public static IReadOnlyList<PlannedGroup> TakeWhole(IEnumerable<PlannedGroup> free, int maxEpisodes)
    {
        var taken = new List<PlannedGroup>();
        var episodes = 0;
        foreach (var group in free)
        {
            if (taken.Count > 0 && episodes + group.Episodes.Count > maxEpisodes) break;
            taken.Add(group);
            episodes += group.Episodes.Count;
        }
        return taken;
    }
}
