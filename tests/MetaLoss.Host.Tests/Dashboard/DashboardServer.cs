using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MetaLoss.Host.Tests.Cluster;

namespace MetaLoss.Host.Tests.Dashboard;

/// <summary>A real `metaloss serve` on 127.0.0.1, for the browser to load; ready once it answers `/`.</summary>
public sealed class DashboardServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly MetalossProcess _process;
    private readonly string _dataDirectory;

    private DashboardServer(MetalossProcess process, string dataDirectory, string url, string? token)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url) };
        if (token is not null) Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Url { get; }

    /// <summary>A client of the API, with the token when the server has one.</summary>
    public HttpClient Client { get; }

    public string Output => _process.Output;

    /// <summary>Starts `serve`; with <paramref name="tokenFile"/>, every API call needs its token.</summary>
    public static async Task<DashboardServer> Start(string? tokenFile = null, string? token = null)
    {
        var data = SmallRun.NewDirectory();
        var url = $"http://127.0.0.1:{ClusterRun.FreePort()}/";
        string[] args = ["serve", "--data", data, "--http", new Uri(url).Authority, "--devices", "cpu:2"];
        var process = MetalossProcess.Start(tokenFile is null ? args : [.. args, "--token-file", tokenFile]);
        var server = new DashboardServer(process, data, url, token);
        await server.WaitUntilServing();
        return server;
    }

    /// <summary>Submits a tiny run through the API (as `submit` would); the answer's status code.</summary>
    public async Task<HttpStatusCode> Submit(string name, int generations, int seed)
    {
        using var response = await Client.PostAsJsonAsync("api/runs", TinyRun.Body(name, generations, seed));
        return response.StatusCode;
    }

    public void Dispose()
    {
        Client.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the killed process: the temporary directory is left for the OS.
        }
    }

    private async Task WaitUntilServing()
    {
        using var probe = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"serve ended before it answered; output:\n{Output}");
            try
            {
                using var response = await probe.GetAsync("/");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"serve did not answer {Url} within {StartTimeout}; output:\n{Output}");
    }
}
