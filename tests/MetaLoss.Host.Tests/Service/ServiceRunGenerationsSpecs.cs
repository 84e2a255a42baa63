using System.Net;
using System.Net.Http.Json;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Api;
using MetaLoss.Host.Runs;

namespace MetaLoss.Host.Tests.Service;

/// <summary>A finished run of a service, submitted again with more generations, goes on to them as `evolve` would.</summary>
[Collection(ServiceCollection.Name)]
public class ServiceRunGenerationsSpecs
{
    [Fact]
    public async Task Should_raise_a_finished_run_submitted_with_more_generations_to_the_result_evolve_gives()
    {
        var reference = await EvolveReference.Of(seed: 7, SmallRun.Generations);
        var data = SmallRun.NewDirectory();
        using var serve = ServeProcess.Start(data);
        await serve.Submit(ServeProcess.SmallRunBody("grow", generations: 3));
        await serve.WaitFor("grow", r => r.State == "finished");

        using (var raised = await serve.Http.PostAsJsonAsync("api/runs", ServeProcess.SmallRunBody("grow"), ServeProcess.Json))
        {
            Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
            var run = (await raised.Content.ReadFromJsonAsync<RunJson>(ServeProcess.Json))!;
            Assert.Equal(SmallRun.Generations, run.Generations);
            Assert.Equal("running", run.State);
        }
        using (var fewer = await serve.Http.PostAsJsonAsync("api/runs", ServeProcess.SmallRunBody("grow", generations: 2), ServeProcess.Json))
        {
            Assert.Equal(HttpStatusCode.Conflict, fewer.StatusCode);
            Assert.Contains("generations", (await fewer.Content.ReadFromJsonAsync<ErrorJson>(ServeProcess.Json))!.Error);
        }
        var finished = await serve.WaitFor("grow", r => r.State == "finished");

        Assert.Equal(SmallRun.Generations, finished.Generation);
        var state = await JournalReader.ReadState(SmallRun.Journal(data), RunId.Parse(finished.Id));
        Assert.Equal(reference.State.Population, state.Population);
        Assert.Equal(reference.State.History, state.History);
        Assert.Equal(reference.State.Validated, state.Validated);
    }
}
