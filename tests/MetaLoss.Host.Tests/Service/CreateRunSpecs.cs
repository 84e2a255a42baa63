using System.CommandLine;
using System.Text.Json;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Api;
using MetaLoss.Host.Options;

namespace MetaLoss.Host.Tests.Service;

/// <summary>The POST /api/runs body: read strictly, each refusal naming its field, and the same run as `evolve` makes.</summary>
public class CreateRunSpecs
{
    [Theory]
    [InlineData("""{"generations": 5}""", "name", "name is required")]
    [InlineData("""{"name": "a", "generations": -1}""", "generations", "generations must be a positive whole number, got -1")]
    [InlineData("""{"name": "a", "generations": 2.5}""", "generations", "generations must be a whole number")]
    [InlineData("""{"name": "a", "generations": "5"}""", "generations", "generations must be a whole number")]
    [InlineData("""{"name": "a", "generation": 5}""", "generation", "unknown field 'generation'")]
    [InlineData("""{"name": "a", "steps": 1, "steps": 2}""", "steps", "steps is given twice")]
    [InlineData("""{"name": "Has Spaces"}""", "name", "lower-case letters, digits and dashes")]
    [InlineData("""{"name": "a", "priority": 0}""", "priority", "priority must be between 1 and 1000")]
    [InlineData("""{"name": "a", "init": "xavier"}""", "init", "unknown 'xavier'; use ce, mse, random, label-smoothing, poly1 or focal")]
    [InlineData("""{"name": "a", "init": "focal", "progressInput": false}""", "init", "init focal follows its tuned learning-rate schedule")]
    [InlineData("""{"name": "a", "sigma": 5}""", "sigma", "sigma must be from 1E-05 to 1, got 5")]
    [InlineData("""{"name": "a", "lr": 0}""", "lr", "learning rate must be a positive number")]
    [InlineData("""{"name": "a", "seed": -3}""", "seed", "seed must be a whole number from 0")]
    [InlineData("""{"name": "a", "hidden1": 100000}""", "hidden1", "hidden1 must be at most 16384")]
    [InlineData("""{"name": "a", "validationTop": -1}""", "validationTop", "must not be negative")]
    [InlineData("""{"name": "a", "population": 100000}""", "population", "at most 100,000")]
    [InlineData("""{"name": "a", "validationEpisodes": 100000000}""", "validationEpisodes", "meta-validation of 2 candidates")]
    [InlineData("""{"name": "a", "unpaired": "yes"}""", "unpaired", "unpaired must be true or false")]
    [InlineData("""[1, 2]""", "", "the body must be a JSON object")]
    public void Should_refuse_a_bad_body_naming_the_field(string body, string field, string message)
    {
        using var json = JsonDocument.Parse(body);
        var refused = Assert.Throws<RunRequestException>(() => CreateRun.Parse(json.RootElement));
        Assert.Equal(field, refused.Field);
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void Should_take_defaults_for_fields_left_out_or_null()
    {
        using var json = JsonDocument.Parse("""{"name": "small-run", "generations": 4, "sigma": null}""");
        var body = CreateRun.Parse(json.RootElement);
        Assert.Equal("small-run", body.Name);
        Assert.Equal(CreateRun.DefaultPriority, body.Priority);
        Assert.Equal(RunRequest.Default with { Generations = 4 }, body.Run);
    }

    [Fact]
    public void Should_make_from_what_submit_sends_the_settings_evolve_makes_from_the_same_options()
    {
        string[] options =
        [
            "--generations", "7", "--population", "4", "--sigma", "0.07", "--seed", "18446744073709551615", "--episodes-per-candidate", "2",
            "--unpaired", "--init", "mse", "--validation-episodes", "3", "--validation-top", "1", "--lr", "0.15", "--per-class", "5",
            "--validation-size", "300", "--hidden1", "32", "--hidden2", "16", "--steps", "4",
        ];
        var runOptions = new RunOptions();
        var command = new Command("evolve");
        runOptions.AddTo(command);
        var parsed = command.Parse(options);
        Assert.Empty(parsed.Errors);
        var evolve = runOptions.Request(parsed).ToSettings();

        var sent = JsonSerializer.Serialize(CreateRunJson.From(new CreateRun("b", 2, runOptions.Request(parsed))), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var json = JsonDocument.Parse(sent);
        var received = CreateRun.Parse(json.RootElement);

        Assert.Equal(evolve, received.Run.ToSettings());
        Assert.Equal(0.07f, evolve.Evolution.InitialSigma);
        Assert.Equal(MlnInit.MeanSquaredErrorFit, evolve.Init);
        Assert.False(evolve.PairedEpisodes);
        Assert.Equal(received.Run, RunRequest.From(received.Run.ToSettings()));
    }

    [Fact]
    public void Should_read_every_initial_MLN_back_from_the_name_it_is_shown_with_on_the_command_line_and_in_the_API()
    {
        foreach (var init in Enum.GetValues<MlnInit>())
        {
            var name = RunRequest.FormatInit(init);
            Assert.Contains(name, RunRequest.InitChoices);
            var runOptions = new RunOptions();
            var command = new Command("evolve");
            runOptions.AddTo(command);
            var parsed = command.Parse(["--init", name]);
            Assert.Empty(parsed.Errors);
            Assert.Equal(init, runOptions.Request(parsed).ToSettings().Init);
            using var json = JsonDocument.Parse($$"""{"name": "a", "init": "{{name}}"}""");
            Assert.Equal(init, CreateRun.Parse(json.RootElement).Run.Init);
        }
    }
}
