using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MetaLoss.Host.Api;

namespace MetaLoss.Host.Tests.Service;

/// <summary>A real `metaloss serve` on 127.0.0.1 (HTTP on a free port it picks), and an HTTP client for its API.</summary>
public sealed class ServeProcess : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string ServingLine = "Serving on ";

    private ServeProcess(MetalossProcess process, Uri url, string dataFolder)
    {
        Process = process;
        Url = url;
        DataFolder = dataFolder;
        // A loaded test machine may take longer than HttpClient's default second to answer an Expect: 100-continue.
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) };
        Http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
    }

    public MetalossProcess Process { get; }

    public Uri Url { get; }

    public string DataFolder { get; }

    public HttpClient Http { get; }

    /// <summary>Starts `serve --data <paramref name="dataFolder"/>` with one CPU slot unless <paramref name="extra"/> says otherwise, and waits until it answers.</summary>
    public static ServeProcess Start(string dataFolder, params string[] extra)
    {
        string[] devices = extra.Contains("--devices") ? [] : ["--devices", "cpu:1"];
        string[] http = extra.Contains("--http") ? [] : ["--http", "127.0.0.1:0"];
        var process = MetalossProcess.Start(["serve", "--data", dataFolder, .. http, .. devices, .. extra]);
        if (!process.WaitForLine(ServingLine, SmallRun.Timeout))
        {
            var output = process.Output;
            process.Dispose();
            throw new InvalidOperationException($"serve ended before serving:\n{output}");
        }
        var line = process.Output.Split('\n').First(l => l.StartsWith(ServingLine));
        var url = line[ServingLine.Length..].Split([' ', ','], 2)[0];
        // A wildcard bind is reached on loopback.
        return new ServeProcess(process, new Uri(url.Replace("0.0.0.0", "127.0.0.1") + "/"), dataFolder);
    }

    /// <summary>The settings of <see cref="SmallRun"/> as a CreateRun body (tiny episodes, random initial MLN, seed 7), for a run named <paramref name="name"/>.</summary>
    public static Dictionary<string, object> SmallRunBody(string name, int generations = SmallRun.Generations, int seed = 7) => new()
    {
        ["name"] = name, ["generations"] = generations, ["population"] = SmallRun.Parents, ["episodesPerCandidate"] = SmallRun.EpisodesPerCandidate,
        ["seed"] = seed, ["perClass"] = 2, ["validationSize"] = 60, ["hidden1"] = 16, ["hidden2"] = 16, ["steps"] = 3,
        ["tasks"] = RunRequest.TemplateOnly, ["init"] = "random",
    };

    /// <summary>Submits a run and, if the server prepares it (202), waits until it is registered.</summary>
    public async Task<RunJson> Submit(object body)
    {
        using var response = await Http.PostAsJsonAsync("api/runs", body, Json);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode != HttpStatusCode.Accepted) return (await response.Content.ReadFromJsonAsync<RunJson>(Json))!;
        using var prepared = await Prepared((await response.Content.ReadFromJsonAsync<PreparingRunJson>(Json))!.Name);
        Assert.True(prepared.StatusCode == HttpStatusCode.OK, $"{(int)prepared.StatusCode}: {await prepared.Content.ReadAsStringAsync()}");
        return (await prepared.Content.ReadFromJsonAsync<RunDetailJson>(Json))!.Run;
    }

    /// <summary>GET /api/runs/{name} until it no longer answers 202 (being prepared): the answer that ended it.</summary>
    public async Task<HttpResponseMessage> Prepared(string name)
    {
        var deadline = DateTime.UtcNow + SmallRun.Timeout;
        while (true)
        {
            var response = await Http.GetAsync($"api/runs/{name}");
            if (response.StatusCode != HttpStatusCode.Accepted) return response;
            response.Dispose();
            Assert.True(DateTime.UtcNow < deadline, $"run {name} still being prepared after {SmallRun.Timeout}");
            await Task.Delay(100);
        }
    }

    public async Task<RunJson[]> Runs() => (await Http.GetFromJsonAsync<RunJson[]>("api/runs", Json))!;

    public async Task<RunJson> Run(string name) => (await Runs()).Single(r => r.Name == name);

    /// <summary>Polls the run list until <paramref name="done"/> holds for the run (fails after <see cref="SmallRun.Timeout"/>, with serve's output).</summary>
    public async Task<RunJson> WaitFor(string name, Func<RunJson, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? SmallRun.Timeout);
        while (true)
        {
            var run = await Run(name);
            if (done(run)) return run;
            Assert.True(DateTime.UtcNow < deadline, $"run {name} stayed {run}; serve's output:\n{Process.Output}");
            await Task.Delay(200);
        }
    }

    public void Authorize(string token) => Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}
