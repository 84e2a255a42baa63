using MetaLoss.Training.Data;
using MetaLoss.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MetaLoss.Training.Episodes;

/// <summary>
/// The sampled rows of a batch's episodes, stacked along a leading member dimension: member p's
/// training and validation rows are slice p. When every member has the same task (paired scoring
/// gives a generation one task seed), the rows are sampled and scaled once and expanded, not copied,
/// which also tells the classifier that the work on them can be shared.
/// The datasets stay resident on the CPU; the batch's rows are copied to the episodes' device.
/// </summary>
public sealed class BatchedTask
{
    private BatchedTask(int classCount, Tensor trainFeatures, Tensor trainLabels, Tensor validationFeatures,
        Tensor validationLabels)
    {
        ClassCount = classCount;
        TrainFeatures = trainFeatures;
        TrainLabels = trainLabels;
        TrainTargets = OneHot(trainLabels, classCount);
        ValidationFeatures = validationFeatures;
        ValidationLabels = validationLabels;
    }

    public int ClassCount { get; }

    /// <summary>float32 [P, B, F].</summary>
    public Tensor TrainFeatures { get; }

    /// <summary>int64 [P, B].</summary>
    public Tensor TrainLabels { get; }

    /// <summary>float32 one-hot [P, B, K].</summary>
    public Tensor TrainTargets { get; }

    /// <summary>float32 [P, N, F].</summary>
    public Tensor ValidationFeatures { get; }

    /// <summary>int64 [P, N].</summary>
    public Tensor ValidationLabels { get; }

    /// <summary>Samples every spec's task onto <paramref name="device"/>; the tensors belong to the caller's dispose scope.</summary>
    public static BatchedTask Sample(ImageDataset data, IReadOnlyList<EpisodeSpec> specs, Device? device = null)
    {
        var members = specs.Count;
        var first = specs[0];
        var sharedTask = specs.All(s => s.TaskSeed == first.TaskSeed && SameClasses(s.Classes, first.Classes));
        var tasks = sharedTask ? 1 : members;
        var samples = new EpisodeSample[tasks];
        // Sampling is serial C# per task; spread over the cores it does not hold up the batch.
        Parallel.For(0, tasks, t =>
            samples[t] = EpisodeSampler.Sample(data, specs[t].PerClassTrain, specs[t].ValidationSize, specs[t].TaskSeed, specs[t].Classes));
        var train = samples[0].TrainIndices.Length;
        var validation = samples[0].ValidationIndices.Length;
        return new BatchedTask(
            samples[0].ClassCount,
            Stack(data.Features(samples.SelectMany(s => s.TrainIndices).ToArray()).to(device ?? CPU), tasks, members, train, data.FeatureCount),
            Stack(tensor(samples.SelectMany(s => s.TrainLabels).ToArray(), ScalarType.Int64, device: device), tasks, members, train),
            Stack(data.Features(samples.SelectMany(s => s.ValidationIndices).ToArray()).to(device ?? CPU), tasks, members, validation, data.FeatureCount),
            Stack(tensor(samples.SelectMany(s => s.ValidationLabels).ToArray(), ScalarType.Int64, device: device), tasks, members, validation));
    }

    /// <summary>Rows of all tasks, [tasks * rows, ...], as [members, rows, ...]; one task is expanded to every member.</summary>
    private static Tensor Stack(Tensor rowsOfAllTasks, int tasks, int members, int rows, params long[] trailing)
    {
        var stacked = rowsOfAllTasks.reshape([tasks, rows, .. trailing]);
        return tasks == members ? stacked : stacked.expand([members, rows, .. trailing]);
    }

    /// <summary>One-hot targets [P, B, K]; labels shared by every member are encoded once and expanded.</summary>
    private static Tensor OneHot(Tensor labels, int classCount) => RowSpaceFirstLayer.IsShared(labels)
        ? nn.functional.one_hot(labels.narrow(0, 0, 1), classCount).to_type(ScalarType.Float32).expand([labels.shape[0], -1, -1])
        : nn.functional.one_hot(labels, classCount).to_type(ScalarType.Float32);

    private static bool SameClasses(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b);
}
