using System.Text.Json;
using MetaLoss.Host.Api;

namespace MetaLoss.Host.Tests.Service;

/// <summary>The CreateRun body's `progressInput`: on by default, refused clearly when not a boolean, and kept on the way to the server and back.</summary>
public class CreateRunProgressInputSpecs
{
    [Theory]
    [InlineData("""{"name": "a", "progressInput": "yes"}""")]
    [InlineData("""{"name": "a", "progressInput": 1}""")]
    public void Should_refuse_a_progress_input_that_is_not_true_or_false(string body)
    {
        using var json = JsonDocument.Parse(body);

        var refused = Assert.Throws<RunRequestException>(() => CreateRun.Parse(json.RootElement));

        Assert.Equal("progressInput", refused.Field);
        Assert.Contains("progressInput must be true or false", refused.Message);
    }

    [Fact]
    public void Should_default_to_on_and_turn_off_when_false()
    {
        using var json = JsonDocument.Parse("""{"name": "a"}""");
        using var off = JsonDocument.Parse("""{"name": "a", "progressInput": false, "init": "ce"}""");

        Assert.True(CreateRun.Parse(json.RootElement).Run.ToSettings().Architecture.ProgressInput);
        Assert.False(CreateRun.Parse(off.RootElement).Run.ToSettings().Architecture.ProgressInput);
    }

    [Fact]
    public void Should_keep_the_progress_input_from_what_submit_sends_to_the_run_it_makes()
    {
        using var json = JsonDocument.Parse("""{"name": "scheduled", "progressInput": true}""");
        var body = CreateRun.Parse(json.RootElement);

        var sent = JsonSerializer.Serialize(CreateRunJson.From(body), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var resent = JsonDocument.Parse(sent);
        var settings = CreateRun.Parse(resent.RootElement).Run.ToSettings();

        Assert.Contains("\"progressInput\":true", sent);
        Assert.True(settings.Architecture.ProgressInput);
        Assert.True(RunRequest.From(settings).ProgressInput);
        Assert.True(CreateRunJson.From(body).ToRequest().ProgressInput);
    }
}
