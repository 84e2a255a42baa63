using MetaLoss.Training.Data;
using static TorchSharp.torch;

namespace MetaLoss.Training.Tests.Data;

/// <summary>A dataset that cannot give an episode is named with what is missing, before any episode is sampled.</summary>
public sealed class EpisodeDataCheckSpecs
{
    /// <summary>One 1-pixel image per label.</summary>
    private static ImageDataset Dataset(params int[] labels) =>
        new("tiny", zeros(labels.Length, 1, ScalarType.Byte), labels, classCount: 3);

    [Fact]
    public void Should_accept_a_dataset_that_can_give_the_episode()
    {
        using var data = Dataset(0, 0, 1, 1, 2, 2, 2);
        EpisodeDataCheck.Check(data, perClassTrain: 2, validationSize: 1);
        Assert.NotNull(EpisodeSampler.Sample(data, 2, 1, seed: 1));
    }

    [Fact]
    public void Should_name_the_absent_classes_of_labels_that_are_all_zero()
    {
        using var data = Dataset(0, 0, 0, 0, 0);
        var error = Assert.Throws<ArgumentException>(() => EpisodeDataCheck.Check(data, 1, 1));
        Assert.Equal("tiny has no images of classes 1, 2 (its 5 labels are all of class 0); " +
                     "a class-balanced episode needs 1 of each of its 3 classes", error.Message);
    }

    [Fact]
    public void Should_name_the_class_with_too_few_training_images()
    {
        using var data = Dataset(0, 0, 0, 1, 2, 2);
        var error = Assert.Throws<ArgumentException>(() => EpisodeDataCheck.Check(data, 2, 1));
        Assert.Equal("an episode takes 2 training images of each of its 3 classes, but class 1 of tiny has only 1", error.Message);
    }

    [Fact]
    public void Should_refuse_a_validation_set_that_overlaps_the_training_set()
    {
        using var data = Dataset(0, 0, 1, 1, 2, 2, 2);
        var error = Assert.Throws<ArgumentException>(() => EpisodeDataCheck.Check(data, 2, 2));
        Assert.Contains("so at most 1 validation images", error.Message);
    }

    [Fact]
    public void Should_check_only_the_classes_the_episode_uses()
    {
        using var data = Dataset(0, 0, 2, 2, 2);
        EpisodeDataCheck.Check(data, 2, 1, classes: [0, 2]);
        Assert.Throws<ArgumentException>(() => EpisodeDataCheck.Check(data, 1, 1, classes: [0, 3]));
        Assert.Throws<ArgumentException>(() => EpisodeDataCheck.Check(data, 1, 1, classes: [0, 0]));
    }
}
