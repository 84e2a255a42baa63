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

    [Fact]
    public void Should_draw_a_class_count_in_range_and_that_many_distinct_classes_after_the_other_parts()
    {
        var withClasses = Varied with { Classes = new WholeRange(2, 10) };

        var regimes = Enumerable.Range(0, 2_000).Select(i => withClasses.Regime(Template, 1, i / 40, i % 40)).ToList();

        var counts = regimes.Select(r => r.Classes?.Count ?? TaskDistribution.SourceClasses).ToList();
        Assert.Equal((2, 10), (counts.Min(), counts.Max()));
        Assert.All(regimes.Where(r => r.Classes is not null), r =>
        {
            Assert.InRange(r.Classes!.Count, 2, 9);
            Assert.Equal(r.Classes.Order(), r.Classes);
            Assert.Equal(r.Classes.Count, r.Classes.Distinct().Count());
            Assert.All(r.Classes, c => Assert.InRange(c, 0, 9));
        });
        // Every class is drawn, not only the first ones.
        Assert.Equal(10, regimes.Where(r => r.Classes is not null).SelectMany(r => r.Classes!).Distinct().Count());
        // Deterministic, and the other parts are what the distribution without classes draws.
        Assert.Equal(regimes.Select(r => r.Classes), Enumerable.Range(0, 2_000).Select(i => withClasses.Regime(Template, 1, i / 40, i % 40).Classes));
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => Varied.Regime(Template, 1, i / 40, i % 40)), regimes.Select(r => r with { Classes = null }));
    }

    [Fact]
    public void Should_draw_the_class_subset_from_the_template_classes_when_it_names_some()
    {
        var template = Template with { Classes = [1, 3, 5, 7] };

        var regimes = Enumerable.Range(0, 200).Select(e => new TaskDistribution { Classes = new(2, 10) }.Regime(template, 3, 0, e)).ToList();

        Assert.All(regimes, r => Assert.Subset(new HashSet<int>([1, 3, 5, 7]), new HashSet<int>(r.Classes!)));
        Assert.Contains(regimes, r => r.Classes!.Count == 2);
        // A count of the template's classes or more keeps them all.
        Assert.Contains(regimes, r => ReferenceEquals(template.Classes, r.Classes));
    }
}
