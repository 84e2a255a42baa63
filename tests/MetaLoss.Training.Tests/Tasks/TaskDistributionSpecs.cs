using MetaLoss.Training.Data;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Training.Tests.Tasks;

public sealed class TaskDistributionSpecs
{
    [Fact]
    public void Should_read_sources_with_weights_a_missing_weight_as_one_and_the_fashion_mnist_alias()
    {
        var sources = TaskDistributionText.ParseSources("fashion-mnist:2, teacher ,fashion-mnist-rotated:1");

        Assert.Equal(
            [new TaskSource(DatasetName.FashionMnistMetaTrain, 2), new(DatasetName.TeacherImages, 1), new(DatasetName.FashionMnistRotated, 1)],
            sources);
        Assert.Equal("fashion-mnist-meta-train:2,teacher:1,fashion-mnist-rotated:1", TaskDistributionText.FormatSources(sources));
        Assert.Equal(sources, TaskDistributionText.ParseSources(TaskDistributionText.FormatSources(sources)));
    }

    [Fact]
    public void Should_read_ranges_as_min_dot_dot_max_or_one_value()
    {
        Assert.Equal(new WholeRange(10, 40), TaskDistributionText.ParseWholeRange("10..40", "steps"));
        Assert.Equal(new WholeRange(20, 20), TaskDistributionText.ParseWholeRange(" 20 ", "steps"));
        Assert.Null(TaskDistributionText.ParseWholeRange("", "steps"));
        Assert.Equal(new RateRange(0.05, 0.5), TaskDistributionText.ParseRateRange("0.05..0.5", "lr"));
        Assert.Equal(new RateRange(1e-3, 1e-3), TaskDistributionText.ParseRateRange("1e-3", "lr"));
        Assert.Equal("0.05..0.5", TaskDistributionText.Format(new RateRange(0.05, 0.5)));
    }

    [Theory]
    [InlineData("mnist:1", "tasks: unknown source 'mnist'")]
    [InlineData("teacher:0", "tasks: the weight of teacher must be a positive whole number, got '0'")]
    [InlineData("teacher:-2", "tasks: the weight of teacher must be a positive whole number, got '-2'")]
    [InlineData("teacher:x", "tasks: the weight of teacher must be a positive whole number, got 'x'")]
    [InlineData("teacher:1:2", "tasks: 'teacher:1:2' is not NAME or NAME:WEIGHT")]
    [InlineData("teacher,,noisy", "tasks: '' is not NAME or NAME:WEIGHT")]
    public void Should_refuse_bad_sources_naming_what_is_wrong(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => TaskDistributionText.ParseSources(text));
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("10..x", "steps '10..x': use whole numbers")]
    [InlineData("1..2..3", "steps '1..2..3': use MIN..MAX or one value")]
    [InlineData("1.5", "steps '1.5': use whole numbers")]
    public void Should_refuse_unreadable_ranges(string text, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => TaskDistributionText.ParseWholeRange(text, "steps"));
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData(DatasetName.FashionMnistTest, "tasks: fashion-mnist-test is not a meta-training source")]
    [InlineData(DatasetName.FashionMnistMetaValidation, "tasks: fashion-mnist-meta-validation is not a meta-training source")]
    [InlineData(DatasetName.FashionMnistTrain, "tasks: fashion-mnist-train is not a meta-training source")]
    [InlineData(DatasetName.Cifar10Test, "tasks: cifar10-test is not a meta-training source")]
    public void Should_refuse_any_source_that_holds_test_or_meta_validation_images(DatasetName dataset, string message)
    {
        var tasks = new TaskDistribution { Sources = [new(dataset, 1)] };
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(tasks.Validate).Message);
    }

    [Fact]
    public void Should_refuse_bad_ranges_and_repeated_sources()
    {
        string Refusal(TaskDistribution tasks) => Assert.Throws<ArgumentException>(tasks.Validate).Message;

        Assert.Equal("task steps 40..10: need 1 <= min <= max <= 1,000", Refusal(new TaskDistribution { Steps = new(40, 10) }));
        Assert.Equal("task steps 0..10: need 1 <= min <= max <= 1,000", Refusal(new TaskDistribution { Steps = new(0, 10) }));
        Assert.Equal("task hidden1 1..20000: need 1 <= min <= max <= 16,384", Refusal(new TaskDistribution { FirstHidden = new(1, 20_000) }));
        Assert.Equal("task per-class -1..5: need 1 <= min <= max", Refusal(new TaskDistribution { PerClassTrain = new(-1, 5) }));
        Assert.Equal("task classes 1..5: need 2 <= min <= max <= 10", Refusal(new TaskDistribution { Classes = new(1, 5) }));
        Assert.Equal("task classes 2..11: need 2 <= min <= max <= 10", Refusal(new TaskDistribution { Classes = new(2, 11) }));
        Assert.Equal("task classes 6..3: need 2 <= min <= max <= 10", Refusal(new TaskDistribution { Classes = new(6, 3) }));
        Assert.StartsWith("task learning rates 0..0.1: need 0 < min <= max", Refusal(new TaskDistribution { LearningRate = new(0, 0.1) }));
        Assert.StartsWith("task learning rates 0.5..0.1", Refusal(new TaskDistribution { LearningRate = new(0.5, 0.1) }));
        Assert.Equal("tasks: teacher is named more than once",
            Refusal(new TaskDistribution { Sources = [new(DatasetName.TeacherImages, 1), new(DatasetName.TeacherImages, 2)] }));
        Assert.StartsWith("tasks: the weight of teacher must be a whole number from 1 to 1,000,000",
            Refusal(new TaskDistribution { Sources = [new(DatasetName.TeacherImages, 0)] }));
    }

    [Fact]
    public void Should_compare_by_value_and_name_itself_canonically()
    {
        var a = new TaskDistribution { Sources = [new(DatasetName.TeacherImages, 2)], Steps = new(5, 9) };
        var b = new TaskDistribution { Sources = [new(DatasetName.TeacherImages, 2)], Steps = new(5, 9) };

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Steps = new(5, 10) });
        Assert.Equal("teacher:2; steps 5..9", a.ToString());
        Assert.Equal("teacher:2; steps 5..9; classes 2..10", (a with { Classes = new(2, 10) }).ToString());
        Assert.NotEqual(a, a with { Classes = new(2, 10) });
        Assert.True(new TaskDistribution().IsDefault);
        Assert.False(a.IsDefault);
    }
}
