using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;

namespace MetaLoss.Training.Tests.Data;

/// <summary>The generated sources: no files needed, the same bytes every time, balanced classes, a task an MLP can learn.</summary>
public sealed class GeneratedSourceSpecs
{
    // Pinned: a change to a generator changes every run that uses it, so it must be a deliberate one.
    [Theory]
    [InlineData(DatasetName.TeacherImages, "5ece0ad9aae84dbe9337287f618e9dc045e3a284bddeca23f9c3d62738cd5a3b")]
    [InlineData(DatasetName.GaussianMixtureImages, "c00c4ed6c98bfe2e31c5a5557d5ba2c598f456e66e6c2e7dc8ff0ca85e6c2c3d")]
    public void Should_generate_the_same_bytes_every_time_without_any_data_files(DatasetName name, string sha256)
    {
        var nowhere = new DataLocations(FashionMnistDirectory: Path.Combine(Path.GetTempPath(), "metaloss-no-such-dir"));
        using var first = DatasetLoader.Load(name, nowhere);
        using var second = DatasetLoader.Load(name, nowhere);

        Assert.Equal(DatasetFingerprint.Of(name, first), DatasetFingerprint.Of(name, second));
        Assert.Equal(sha256, DatasetFingerprint.Of(name, first).Sha256);
        Assert.Equal(DatasetNames.Format(name), first.Name);
    }

    [Theory]
    [InlineData(DatasetName.TeacherImages)]
    [InlineData(DatasetName.GaussianMixtureImages)]
    public void Should_hold_1000_images_of_each_of_10_classes_at_28x28(DatasetName name)
    {
        var data = TestData.Catalog.Get(name);

        Assert.Equal((10_000, 784, 10), (data.Count, data.FeatureCount, data.ClassCount));
        Assert.All(Enumerable.Range(0, 10), k => Assert.Equal(1_000, data.Labels.Count(l => l == k)));
    }

    /// <summary>Well above chance (0.1) after the default 20 steps: a task, not noise; and not solved outright either.</summary>
    [Theory]
    [InlineData(DatasetName.TeacherImages)]
    [InlineData(DatasetName.GaussianMixtureImages)]
    public void Should_be_a_task_an_mlp_learns_in_a_short_episode(DatasetName name)
    {
        var runner = new BatchedEpisodeRunner(TestData.Catalog);
        var specs = Enumerable.Range(0, 4)
            .Select(i => new EpisodeSpec(name, new LossSpec.CrossEntropy(), TaskSeed: (ulong)i + 1, InitSeed: (ulong)i + 11, ValidationSize: 500))
            .ToList();

        var accuracy = runner.Run(specs).Average(r => r.Fitness);

        Assert.InRange(accuracy, 0.2, 0.98);
    }
}
