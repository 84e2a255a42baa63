using System.Net.Http.Json;
using MetaLoss.Actors.Messages;
using MetaLoss.Host.Api;
using MetaLoss.Host.Runs;
using MetaLoss.Host.Tests.Cluster;

namespace MetaLoss.Host.Tests.Service;

/// <summary>`kill -9` of a real `serve` mid-run: started again, every unfinished run resumes from the journal by itself.</summary>
[Collection(ServiceCollection.Name)]
public class ServiceCrashSpecs
{
    private const int Generations = 20;

    [Fact]
    public async Task Should_finish_both_runs_bit_identical_to_evolve_after_SIGKILL_with_a_node_joined()
    {
        var first = await EvolveReference.Of(seed: 7, Generations);
        var second = await EvolveReference.Of(seed: 8, Generations);
        var data = SmallRun.NewDirectory();

        using (var serve = StartClustered(data, out var port))
        using (var node = MetalossProcess.Start(ClusterRun.Node(port, ClusterRun.FreePort())))
        {
            await WaitForNodes(serve, 2);
            // The first run waits (paused) while the second is prepared, so that both are mid-way at once.
            await serve.Submit(ServeProcess.SmallRunBody("first", Generations, seed: 7));
            // A run can be paused once it runs (a submitted one is refused with 409 while its population starts).
            await serve.WaitFor("first", run => run.State != "submitted");
            (await serve.Http.PostAsync("api/runs/first/pause", null)).EnsureSuccessStatusCode();
            await serve.Submit(ServeProcess.SmallRunBody("second", Generations, seed: 8));
            (await serve.Http.PostAsync("api/runs/first/resume", null)).EnsureSuccessStatusCode();
            var runs = await WaitForRuns(serve, r => r.All(run => run.State == "running" && run.Generation >= 1) || r.Any(run => run.State == "finished"));
            Assert.All(runs, run => Assert.Equal("running", run.State));
            serve.Process.KillHard();
        }

        using (var serve = StartClustered(data, out var port))
        using (var node = MetalossProcess.Start(ClusterRun.Node(port, ClusterRun.FreePort())))
        {
            var before = (await serve.Runs()).ToDictionary(r => r.Name);
            Assert.All(before.Values, run => Assert.True(run.State is "running" or "submitted", $"{run}"));
            var finished = await WaitForRuns(serve, r => r.All(run => run.State == "finished"));
            Assert.Equal(2, finished.Length);

            foreach (var (name, reference) in new[] { ("first", first), ("second", second) })
            {
                var run = RunId.Parse(finished.Single(r => r.Name == name).Id);
                var state = await JournalReader.ReadState(SmallRun.Journal(data), run);
                Assert.Equal(reference.State.Population, state.Population);
                Assert.Equal(reference.State.History, state.History);
                Assert.Equal(reference.State.Validated, state.Validated);
                // Episodes done before the kill were not done again; those in flight were redone once.
                var episodes = (await JournalReader.ReadEvents(SmallRun.Journal(data), run)).OfType<EpisodeCompleted>().Count();
                Assert.Equal(Generations * SmallRun.TotalEpisodes / SmallRun.Generations, episodes);
            }
        }
    }

    private static ServeProcess StartClustered(string data, out int port)
    {
        port = ClusterRun.FreePort();
        return ServeProcess.Start(data, ["--port", $"{port}", .. ClusterRun.FastDowning]);
    }

    private static async Task WaitForNodes(ServeProcess serve, int count)
    {
        var deadline = DateTime.UtcNow + SmallRun.Timeout;
        while ((await serve.Http.GetFromJsonAsync<ClusterJson>("api/cluster", ServeProcess.Json))!.Nodes.Count(n => n.Slots > 0) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} nodes with slots; serve's output:\n{serve.Process.Output}");
            await Task.Delay(200);
        }
    }

    private static async Task<RunJson[]> WaitForRuns(ServeProcess serve, Func<RunJson[], bool> done)
    {
        var deadline = DateTime.UtcNow + SmallRun.Timeout;
        while (true)
        {
            var runs = await serve.Runs();
            if (runs.Length == 2 && done(runs)) return runs;
            Assert.True(DateTime.UtcNow < deadline, $"runs stayed {string.Join("; ", runs.Select(r => r.ToString()))}; serve's output:\n{serve.Process.Output}");
            await Task.Delay(100);
        }
    }
}
