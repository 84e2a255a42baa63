namespace MetaLoss.Training.Data;

/// <summary>
/// The rows of one episode: a small class-balanced training set and a large validation set,
/// disjoint, with labels renumbered 0..ClassCount-1 in the order of <see cref="Classes"/>.
/// </summary>
public sealed record EpisodeSample(
    long[] TrainIndices,
    long[] TrainLabels,
    long[] ValidationIndices,
    long[] ValidationLabels,
    int[] Classes)
{
    public int ClassCount => Classes.Length;
}
