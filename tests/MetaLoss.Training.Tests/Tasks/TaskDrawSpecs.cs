using MetaLoss.Training.Data;
using MetaLoss.Training.Episodes;
using MetaLoss.Training.Models;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Training.Tests.Tasks;

public sealed class TaskDrawSpecs
{
    private static readonly EpisodeSpec Template = new(DatasetName.FashionMnistMetaTrain, new LossSpec.CrossEntropy(), 0, 0);

    private static readonly TaskDistribution Varied = new()
    {
        Sources = [new(DatasetName.FashionMnistMetaTrain, 3), new(DatasetName.TeacherImages, 1)],
        Steps = new WholeRange(10, 40),
        PerClassTrain = new WholeRange(5, 30),
        FirstHidden = new WholeRange(32, 256),
        SecondHidden = new WholeRange(16, 128),
        LearningRate = new RateRange(0.05, 0.5),
    };

    [Fact]
    public void Should_leave_the_template_alone_for_the_default_distribution()
    {
        Assert.Same(Template, TaskDistribution.Default.Regime(Template, 7, 3, 2));
        Assert.False(TaskDistribution.Default.Varies);
    }

    [Fact]
    public void Should_draw_the_same_regime_for_the_same_seed_generation_and_episode_index()
    {
        var first = Enumerable.Range(0, 50).Select(e => Varied.Regime(Template, 7, 4, e)).ToList();
        var again = Enumerable.Range(0, 50).Select(e => Varied.Regime(Template, 7, 4, e)).ToList();

        Assert.Equal(first, again);
        // And another generation or seed draws others.
        Assert.NotEqual(first, Enumerable.Range(0, 50).Select(e => Varied.Regime(Template, 7, 5, e)));
        Assert.NotEqual(first, Enumerable.Range(0, 50).Select(e => Varied.Regime(Template, 8, 4, e)));
    }

    [Fact]
    public void Should_draw_sources_by_weight_and_every_part_within_its_range()
    {
        var regimes = Enumerable.Range(0, 4_000).Select(i => Varied.Regime(Template, 1, i / 40, i % 40)).ToList();

        var fashion = regimes.Count(r => r.Dataset == DatasetName.FashionMnistMetaTrain) / (double)regimes.Count;
        Assert.InRange(fashion, 0.72, 0.78);
        Assert.All(regimes, r => Assert.Contains(r.Dataset, new[] { DatasetName.FashionMnistMetaTrain, DatasetName.TeacherImages }));
        Assert.Equal((10, 40), (regimes.Min(r => r.Steps), regimes.Max(r => r.Steps)));
        Assert.Equal((5, 30), (regimes.Min(r => r.PerClassTrain), regimes.Max(r => r.PerClassTrain)));
        Assert.Equal((32, 256), (regimes.Min(r => r.FirstHidden), regimes.Max(r => r.FirstHidden)));
        Assert.Equal((16, 128), (regimes.Min(r => r.SecondHidden), regimes.Max(r => r.SecondHidden)));
        Assert.All(regimes, r => Assert.InRange(r.LearningRate, 0.05, 0.5));
        // Log-uniform: about half the rates lie below the geometric middle, sqrt(0.05 * 0.5) = 0.158.
        Assert.InRange(regimes.Count(r => r.LearningRate < Math.Sqrt(0.05 * 0.5)) / (double)regimes.Count, 0.46, 0.54);
        // The rest of the template stays.
        Assert.All(regimes, r => Assert.Equal(Template.ValidationSize, r.ValidationSize));
    }

    [Fact]
    public void Should_keep_the_template_value_of_every_part_without_a_range()
    {
        var sourcesOnly = new TaskDistribution { Sources = [new(DatasetName.TeacherImages, 1), new(DatasetName.FashionMnistNoisy, 1)] };

        var regimes = Enumerable.Range(0, 100).Select(e => sourcesOnly.Regime(Template, 1, 0, e)).ToList();

        Assert.All(regimes, r => Assert.Equal(Template with { Dataset = r.Dataset }, r));
        Assert.Equal(2, regimes.Select(r => r.Dataset).Distinct().Count());
    }
}
