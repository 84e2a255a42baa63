using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MetaLoss.Actors.Messages;
using MetaLoss.Actors.Population;
using MetaLoss.Host.Api;
using MetaLoss.Host.Runs;
using MetaLoss.Training.Models;

namespace MetaLoss.Host.Tests.Service;

/// <summary>Every endpoint of a real `serve`, and the CLI client commands, on tiny runs.</summary>
[Collection(ServiceCollection.Name)]
public class ServiceApiSpecs
{
    [Fact]
    public async Task Should_run_a_submitted_run_to_the_result_evolve_gives_and_show_it_on_every_endpoint()
    {
        var reference = await EvolveReference.Of(seed: 7, SmallRun.Generations);
        var data = SmallRun.NewDirectory();
        using var serve = ServeProcess.Start(data);
        RunJson run;
        await using (var events = await EventStreamReader.Open(serve.Http))
        {
            // Taken at once and prepared after: 202 with where to ask, which answers 202 until the run is registered.
            using (var accepted = await serve.Http.PostAsJsonAsync("api/runs", ServeProcess.SmallRunBody("tiny"), ServeProcess.Json))
            {
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                Assert.Equal("/api/runs/tiny", accepted.Headers.Location?.ToString());
                Assert.Equal(PreparingRunJson.Of("tiny"), await accepted.Content.ReadFromJsonAsync<PreparingRunJson>(ServeProcess.Json));
            }
            using (var conflict = await serve.Http.PostAsJsonAsync("api/runs", ServeProcess.SmallRunBody("tiny", seed: 8), ServeProcess.Json))
            {
                Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
                Assert.Contains("seed", (await conflict.Content.ReadFromJsonAsync<ErrorJson>(ServeProcess.Json))!.Error);
            }
            using (var prepared = await serve.Prepared("tiny"))
                Assert.Equal(HttpStatusCode.OK, prepared.StatusCode);
            using (var again = await serve.Http.PostAsJsonAsync("api/runs", ServeProcess.SmallRunBody("tiny"), ServeProcess.Json))
                Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            run = await serve.WaitFor("tiny", r => r.State == "finished");
            await WaitUntil(() => events.Events.Any(e => e.Type == "run" && e.Data.GetProperty("state").GetString() == "finished"), serve);
            var generations = events.Events.Where(e => e.Type == "generation").Select(e => e.Data).ToList();
            Assert.Equal(Enumerable.Range(1, SmallRun.Generations), generations.Select(g => g.GetProperty("generation").GetInt32()));
            Assert.All(generations, g => Assert.Equal("tiny", g.GetProperty("run").GetString()));
            Assert.Equal(reference.State.History.Select(h => h.BestFitness), generations.Select(g => g.GetProperty("bestFitness").GetDouble()));
            Assert.Contains(events.Events, e => e.Type == "run" && e.Data.GetProperty("state").GetString() == "running");
        }

        // The same run, bit for bit, as `evolve` with the same settings.
        var state = await JournalState(data, run);
        Assert.Equal(reference.State.Population, state.Population);
        Assert.Equal(reference.State.History, state.History);
        Assert.Equal(reference.State.Validated, state.Validated);

        var detail = (await serve.Http.GetFromJsonAsync<RunDetailJson>("api/runs/tiny", ServeProcess.Json))!;
        Assert.Equal(SmallRun.Generations, detail.Generations.Count);
        Assert.Equal(reference.State.History.Select(h => h.MeanFitness), detail.Generations.Select(g => g.MeanFitness));
        Assert.Equal(new CreateRun("tiny", 1, RunRequest.Default with
        {
            Generations = SmallRun.Generations, Population = SmallRun.Parents, EpisodesPerCandidate = SmallRun.EpisodesPerCandidate, Seed = 7,
            PerClass = 2, ValidationSize = 60, Hidden1 = 16, Hidden2 = 16, Steps = 3, Tasks = RunRequest.TemplateOnly,
            Init = MlnInit.Random,
        }), new CreateRun(detail.Settings.Name, detail.Settings.Priority, detail.Settings.ToRequest()));

        using (var download = await serve.Http.GetAsync("api/runs/tiny/best-mln"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("tiny-best-mln.json", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var file = Path.Combine(data, "downloaded.json");
            await File.WriteAllBytesAsync(file, await download.Content.ReadAsByteArrayAsync());
            var mln = MlnFile.Load(file);
            Assert.Equal(MlnFile.Load(reference.BestMln).Parameters, mln.Parameters);
            Assert.Contains("exported from run tiny", mln.Note);
            Assert.Contains("MetaLoss.from_file(path)", mln.Usage);
        }

        var cluster = (await serve.Http.GetFromJsonAsync<ClusterJson>("api/cluster", ServeProcess.Json))!;
        var node = Assert.Single(cluster.Nodes);
        Assert.Equal(1, node.Slots);
        Assert.True(node.EpisodesDone > 0, $"{node}");

        var metrics = await serve.Http.GetStringAsync("metrics");
        var completed = metrics.Split('\n').Single(l => l.StartsWith("metaloss_episodes_completed_total{") && l.Contains("run=\"tiny\""));
        Assert.True(long.Parse(completed.Split(' ')[^1]) >= SmallRun.TotalEpisodes, completed);

        using (var pause = await serve.Http.PostAsync("api/runs/tiny/pause", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, pause.StatusCode);
            Assert.NotEmpty((await pause.Content.ReadFromJsonAsync<ErrorJson>(ServeProcess.Json))!.Error);
        }
    }

    [Fact]
    public async Task Should_pause_resume_and_cancel_a_running_run()
    {
        using var serve = ServeProcess.Start(SmallRun.NewDirectory());
        await serve.Submit(ServeProcess.SmallRunBody("long", generations: 500));
        await serve.WaitFor("long", r => r.State == "running" && r.EpisodesCompleted > 0);

        var paused = await Change(serve, "long", "pause", HttpStatusCode.OK);
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        // Episodes leased before the pause's answer still count; after them, nothing more is leased
        // (not even for an offer the scheduler sent before it heard of the pause).
        var settled = await Settled(serve, "long");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(settled, (await serve.Run("long")).EpisodesCompleted);

        Assert.Equal("running", (await Change(serve, "long", "resume", HttpStatusCode.OK)).GetProperty("state").GetString());
        await serve.WaitFor("long", r => r.EpisodesCompleted > settled);
        Assert.Equal("cancelled", (await Change(serve, "long", "cancel", HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.NotEmpty((await Change(serve, "long", "resume", HttpStatusCode.Conflict)).GetProperty("error").GetString()!);
        Assert.Equal("cancelled", (await serve.Run("long")).State);
    }

    [Fact]
    public async Task Should_list_every_route_in_the_openapi_document()
    {
        using var serve = ServeProcess.Start(SmallRun.NewDirectory());
        using var document = JsonDocument.Parse(await serve.Http.GetStringAsync("openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/api/runs", "get"), ("/api/runs", "post"), ("/api/runs/{name}", "get"), ("/api/runs/{name}/pause", "post"),
                     ("/api/runs/{name}/resume", "post"), ("/api/runs/{name}/cancel", "post"), ("/api/runs/{name}/best-mln", "get"),
                     ("/api/cluster", "get"), ("/api/events", "get"),
                 })
            Assert.True(paths.TryGetProperty(path, out var operations) && operations.TryGetProperty(method, out _), $"{method} {path} missing");
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("CreateRunJson").GetProperty("properties").TryGetProperty("episodesPerCandidate", out _));
    }

    [Fact]
    public async Task Should_submit_list_change_and_show_runs_from_the_command_line()
    {
        using var serve = ServeProcess.Start(SmallRun.NewDirectory());
        var server = serve.Url.ToString();
        string[] small = ["--generations", "3", "--population", "3", "--episodes-per-candidate", "2", "--seed", "7", "--per-class", "2",
            "--validation-size", "60", "--hidden1", "16", "--hidden2", "16", "--steps", "3"];
        var submitted = Cli(["submit", "--server", server, "--name", "cli-run", .. small]);
        Assert.True(submitted.ExitCode == 0, submitted.Output);
        Assert.Contains("preparing run cli-run", submitted.Output);
        Assert.Contains("submitted run cli-run", submitted.Output);
        // Only its preparation finds that the dataset has too few images: the waiting CLI gets the reason.
        var badData = Cli("submit", "--server", server, "--name", "bad-data", "--generations", "3", "--per-class", "100000");
        Assert.True(badData.ExitCode == 2, badData.Output);
        Assert.Contains("run 'bad-data' could not be prepared: an episode takes 100,000 training images", badData.Output);
        Assert.Contains("(HTTP 422)", badData.Output);
        var again = Cli(["submit", "--server", server, "--name", "cli-run", .. small]);
        Assert.Contains("exists with these settings: ", again.Output);
        var conflict = Cli(["submit", "--server", server, "--name", "cli-run", .. small, "--lr", "0.1"]);
        Assert.True(conflict.ExitCode == 2, conflict.Output);
        Assert.Contains("(HTTP 409)", conflict.Output);

        await serve.WaitFor("cli-run", r => r.State == "finished");
        var runs = Cli("runs", "--server", server);
        Assert.True(runs.ExitCode == 0, runs.Output);
        Assert.Contains(runs.Output.Split('\n'), l => l.StartsWith("cli-run ") && l.Contains("finished") && l.Contains("3/3"));
        // A refused run stays listed, saying so, until its name is submitted again.
        var lines = runs.Output.Split('\n');
        var refusedLine = Array.FindIndex(lines, l => l.StartsWith("bad-data ") && l.Contains("refused") && l.Contains("0/3"));
        Assert.True(refusedLine >= 0, runs.Output);
        // With the reason under it, as the preparation gave it.
        Assert.Contains("refused: an episode takes 100,000 training images", lines[refusedLine + 1]);
        var status = Cli("status", "--server", server, "--name", "cli-run");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("finished: 3/3 generations", status.Output);
        var overview = Cli("status", "--server", server);
        Assert.Contains("cli-run", overview.Output);
        Assert.Contains("cluster, as seen from the server", overview.Output);

        var cancel = Cli("run", "cancel", "cli-run", "--server", server);
        Assert.True(cancel.ExitCode == 2, cancel.Output);
        Assert.Contains("(HTTP 409)", cancel.Output);
        var missing = Cli("run", "pause", "nope", "--server", server);
        Assert.True(missing.ExitCode == 2, missing.Output);
        Assert.Contains("no run named 'nope'", missing.Output);
    }

    [Theory]
    [InlineData("unreachable server", "cannot reach the server", "runs", "--server", "http://127.0.0.1:9")]
    [InlineData("not a URL", "--server ftp://x: give the server's URL", "runs", "--server", "ftp://x")]
    [InlineData("bad settings, checked before sending", "generations must be a positive whole number", "submit", "--server", "http://127.0.0.1:9", "--name", "a", "--generations", "-1")]
    [InlineData("bad run name", "lower-case letters, digits and dashes", "run", "pause", "Bad_Name", "--server", "http://127.0.0.1:9")]
    [InlineData("--name without --server", "--name: names a run of a server", "status", "--name", "a")]
    public void Should_refuse_in_one_line_with_exit_2(string what, string message, params string[] args)
    {
        var (code, output) = Cli(args);
        Assert.True(code == 2, $"{what}: exit {code}\n{output}");
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
    }

    private static (int ExitCode, string Output) Cli(params string[] args) => MetalossProcess.Run(TimeSpan.FromSeconds(60), args);

    private static async Task<JsonElement> Change(ServeProcess serve, string run, string change, HttpStatusCode expected)
    {
        using var response = await serve.Http.PostAsync($"api/runs/{run}/{change}", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{change}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// The run's count once every leased episode is in: no lease pending, and the count the API shows
    /// has caught up with every result the population received (the registry hears of the last
    /// results a moment after the lease gauge falls to 0).
    /// </summary>
    private static async Task<long> Settled(ServeProcess serve, string run)
    {
        long completed = -1;
        await WaitUntil(async () =>
        {
            var metrics = (await serve.Http.GetStringAsync("metrics")).Split('\n').Where(l => l.Contains($"run=\"{run}\"")).ToList();
            var received = metrics.Where(l => l.StartsWith("metaloss_episodes_completed_total{")).Sum(l => long.Parse(l.Split(' ')[^1]));
            completed = (await serve.Run(run)).EpisodesCompleted;
            return metrics.Any(l => l.StartsWith("metaloss_leases_pending{") && l.EndsWith(" 0")) && completed == received;
        }, serve);
        return completed;
    }

    private static Task<PopulationState> JournalState(string data, RunJson run) =>
        JournalReader.ReadState(SmallRun.Journal(data), RunId.Parse(run.Id));

    private static Task WaitUntil(Func<bool> done, ServeProcess serve) => WaitUntil(() => Task.FromResult(done()), serve);

    private static async Task WaitUntil(Func<Task<bool>> done, ServeProcess serve)
    {
        var deadline = DateTime.UtcNow + SmallRun.Timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out; serve's output:\n{serve.Process.Output}");
            await Task.Delay(100);
        }
    }
}
