using MetaLoss.Host.Bench;
using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests.Bench;

/// <summary>
/// A batch's products as the actor bench counts them for its floor: shared work only where the
/// runner shares it (members that differ in their loss alone).
/// </summary>
public class EpisodeFlopsSpecs
{
    private const int Features = 784;
    private const int DatasetClasses = 10;

    private static EpisodeSpec Member(int candidate, ulong taskSeed = 7, ulong initSeed = 11, IReadOnlyList<int>? classes = null) =>
        new(DatasetName.FashionMnistMetaTrain,
            new LossSpec.MetaLoss(MlnArchitecture.Default, MlnArchitecture.Default.RandomParameters((ulong)candidate + 1)),
            taskSeed, initSeed, Classes: classes);

    [Fact]
    public void Should_count_members_that_differ_in_their_loss_alone_as_a_paired_group()
    {
        var batch = Enumerable.Range(0, 5).Select(c => Member(c, classes: [0, 2, 3, 5, 7, 9])).ToList();

        var flops = EpisodeFlops.OfBatch(batch, Features, DatasetClasses);

        Assert.Equal(5 * EpisodeFlops.OfPairedGroup(batch[0], Features, 6, 5).Total, flops);
        Assert.True(flops < 5 * EpisodeFlops.Of(batch[0], Features, 6).Total);
    }

    [Fact]
    public void Should_count_every_member_alone_when_their_tasks_or_starts_differ()
    {
        var tasks = Enumerable.Range(0, 5).Select(c => Member(c, taskSeed: (ulong)c)).ToList();
        var starts = Enumerable.Range(0, 5).Select(c => Member(c, initSeed: (ulong)c)).ToList();
        var classes = Enumerable.Range(0, 5).Select(c => Member(c, classes: c == 0 ? [0, 1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 6])).ToList();
        var lone = EpisodeFlops.Of(tasks[0], Features, DatasetClasses).Total;

        Assert.Equal(5 * lone, EpisodeFlops.OfBatch(tasks, Features, DatasetClasses));
        Assert.Equal(5 * lone, EpisodeFlops.OfBatch(starts, Features, DatasetClasses));
        Assert.Equal(5 * EpisodeFlops.Of(classes[0], Features, 6).Total, EpisodeFlops.OfBatch(classes, Features, DatasetClasses));
    }
}
