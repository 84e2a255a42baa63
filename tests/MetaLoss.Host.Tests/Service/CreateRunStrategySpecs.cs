using System.Text.Json;
using MetaLoss.Host.Api;
using MetaLoss.Training.Evolution;

namespace MetaLoss.Host.Tests.Service;

/// <summary>The CreateRun body's `strategy`: read by name, refused clearly otherwise, and kept on the way to the server and back.</summary>
public class CreateRunStrategySpecs
{
    [Theory]
    [InlineData("""{"name": "a", "strategy": "simulated-annealing"}""", "unknown 'simulated-annealing'; use mu-plus-lambda or cma-es")]
    [InlineData("""{"name": "a", "strategy": 1}""", "strategy must be a string")]
    public void Should_refuse_a_bad_strategy_naming_the_field(string body, string message)
    {
        using var json = JsonDocument.Parse(body);

        var refused = Assert.Throws<RunRequestException>(() => CreateRun.Parse(json.RootElement));

        Assert.Equal("strategy", refused.Field);
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void Should_default_to_mu_plus_lambda()
    {
        using var json = JsonDocument.Parse("""{"name": "a", "strategy": null}""");

        Assert.Equal(SearchStrategyName.MuPlusLambda, CreateRun.Parse(json.RootElement).Run.ToSettings().Strategy);
    }

    [Fact]
    public void Should_keep_the_strategy_from_what_submit_sends_to_the_run_it_makes()
    {
        using var json = JsonDocument.Parse("""{"name": "cma-run", "strategy": "cma-es"}""");
        var body = CreateRun.Parse(json.RootElement);

        var sent = JsonSerializer.Serialize(CreateRunJson.From(body), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var resent = JsonDocument.Parse(sent);
        var settings = CreateRun.Parse(resent.RootElement).Run.ToSettings();

        Assert.Contains("\"strategy\":\"cma-es\"", sent);
        Assert.Equal(SearchStrategyName.CmaEs, settings.Strategy);
        Assert.Equal(SearchStrategyName.CmaEs, RunRequest.From(settings).Strategy);
        Assert.Equal(SearchStrategyName.CmaEs, CreateRunJson.From(body).ToRequest().Strategy);
    }
}
