using System.CommandLine;
using System.Text.Json;
using MetaLoss.Host.Api;
using MetaLoss.Host.Options;
using MetaLoss.Training.Data;
using MetaLoss.Training.Tasks;

namespace MetaLoss.Host.Tests.Service;

/// <summary>The task distribution fields of a run: the same in `evolve`, `submit` and POST /api/runs, each refusal naming its field.</summary>
public class CreateRunTasksSpecs
{
    [Theory]
    [InlineData("""{"name": "a", "tasks": "mnist:1"}""", "tasks", "tasks: unknown source 'mnist'")]
    [InlineData("""{"name": "a", "tasks": "teacher:0"}""", "tasks", "the weight of teacher must be a positive whole number, got '0'")]
    [InlineData("""{"name": "a", "tasks": "fashion-mnist-test:1"}""", "tasks", "fashion-mnist-test is not a meta-training source")]
    [InlineData("""{"name": "a", "tasks": 3}""", "tasks", "tasks must be a string")]
    [InlineData("""{"name": "a", "taskSteps": "9..3"}""", "taskSteps", "task steps 9..3: need 1 <= min <= max <= 1,000")]
    [InlineData("""{"name": "a", "taskPerClass": "a..b"}""", "taskPerClass", "task per-class 'a..b': use whole numbers")]
    [InlineData("""{"name": "a", "taskHidden1": "0..8"}""", "taskHidden1", "task hidden1 0..8: need 1 <= min <= max")]
    [InlineData("""{"name": "a", "taskHidden2": "1..99999"}""", "taskHidden2", "task hidden2 1..99999: need 1 <= min <= max <= 16,384")]
    [InlineData("""{"name": "a", "taskLr": "-1..0.5"}""", "taskLr", "task learning rates -1..0.5: need 0 < min <= max")]
    [InlineData("""{"name": "a", "taskClasses": "1..10"}""", "taskClasses", "task classes 1..10: need 2 <= min <= max <= 10")]
    [InlineData("""{"name": "a", "taskClasses": "2..11"}""", "taskClasses", "task classes 2..11: need 2 <= min <= max <= 10")]
    public void Should_refuse_a_bad_distribution_naming_the_field(string body, string field, string message)
    {
        using var json = JsonDocument.Parse(body);
        var refused = Assert.Throws<RunRequestException>(() => CreateRun.Parse(json.RootElement));
        Assert.Equal(field, refused.Field);
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void Should_make_from_what_submit_sends_the_distribution_evolve_makes_from_the_same_options()
    {
        string[] options =
        [
            "--tasks", "fashion-mnist:2,teacher,fashion-mnist-noisy:1", "--task-steps", "10..30", "--task-per-class", "5..40",
            "--task-hidden1", "64..256", "--task-hidden2", "32", "--task-lr", "0.05..0.5",
            "--task-classes", "2..7",
        ];
        var runOptions = new RunOptions();
        var command = new Command("evolve");
        runOptions.AddTo(command);
        var parsed = command.Parse(options);
        Assert.Empty(parsed.Errors);
        var evolve = runOptions.Request(parsed).ToSettings();

        var sent = JsonSerializer.Serialize(CreateRunJson.From(new CreateRun("b", 2, runOptions.Request(parsed))), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var json = JsonDocument.Parse(sent);
        var received = CreateRun.Parse(json.RootElement).Run.ToSettings();

        Assert.Equal(evolve, received);
        Assert.Equal(
            new TaskDistribution
            {
                Sources = [new(DatasetName.FashionMnistMetaTrain, 2), new(DatasetName.TeacherImages, 1), new(DatasetName.FashionMnistNoisy, 1)],
                Steps = new(10, 30), PerClassTrain = new(5, 40), FirstHidden = new(64, 256), SecondHidden = new(32, 32), LearningRate = new(0.05, 0.5),
                Classes = new(2, 7),
            },
            received.Tasks);
        // A run's detail names the same distribution back.
        Assert.Equal(received, RunRequest.From(received).ToSettings());
        // The template, and so meta-validation, stays FashionMNIST's.
        Assert.Equal(DatasetName.FashionMnistMetaTrain, received.Template.Dataset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("template")]
    [InlineData("fashion-mnist")]
    [InlineData("fashion-mnist-meta-train:3")]
    public void Should_make_the_run_without_a_distribution_from_fashion_mnist_alone_on_all_classes(string tasks)
    {
        var allClasses = RunRequest.Default with { TaskClasses = RunRequest.AllClasses };

        var settings = (allClasses with { Tasks = tasks }).ToSettings();

        Assert.Equal((allClasses with { Tasks = "" }).ToSettings(), settings);
        Assert.True(settings.Tasks.IsDefault);
        Assert.Equal(RunRequest.AllClasses, RunRequest.From(settings).TaskClasses);
        Assert.Equal(settings, RunRequest.From(settings).ToSettings());
    }

    [Fact]
    public void Should_draw_six_to_ten_classes_of_every_source_by_default()
    {
        var settings = RunRequest.Default.ToSettings();

        Assert.Equal($"{RunRequest.AllSources}; classes 6..10", settings.Tasks.ToString());
        Assert.Equal(DatasetSplits.MetaTrainingSources.Count, settings.Tasks.Sources.Count);
        Assert.Equal("6..10", RunRequest.From(settings).TaskClasses);
        Assert.Equal(settings, RunRequest.From(settings).ToSettings());
    }
}
