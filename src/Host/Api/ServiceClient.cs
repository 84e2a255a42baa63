using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaLoss.Host.Api;

/// <summary>
/// The CLI's side of the HTTP API (`submit`, `runs`, `run`, `status --server`). Whatever goes wrong
/// (the server cannot be reached, answers 4xx or 5xx, or not with the API's JSON) is a
/// <see cref="ServerException"/>: one line, exit 2.
/// </summary>
public sealed class ServiceClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Uri _server;

    public ServiceClient(Uri server, string? token)
    {
        _server = server;
        _http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>How long one answer may take.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>How long a submitted run may stay in preparation (seconds when idle; a busy host takes longer) before `submit` gives up waiting.</summary>
    public static readonly TimeSpan PreparationPatience = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan PreparationPoll = TimeSpan.FromMilliseconds(250);

    public async Task<T> Get<T>(string path, CancellationToken cancellation)
    {
        var (status, body) = await Send(new HttpRequestMessage(HttpMethod.Get, path), cancellation);
        if (status == HttpStatusCode.Accepted)
            throw new ServerException($"run '{Read<PreparingRunJson>(body).Name}' is still being prepared (its data checked, its initial MLN fitted); ask again in a few seconds");
        return Read<T>(body);
    }

    public async Task<T> Post<T>(string path, object? body, CancellationToken cancellation) =>
        Read<T>((await Send(Posting(path, body), cancellation)).Body);

    /// <summary>
    /// Submits a run and, while the server prepares it (202), polls it until it is registered: the run,
    /// and whether this submission made it (false: the same name and settings were already there).
    /// </summary>
    public async Task<(RunJson Run, bool Created)> Submit(CreateRunJson run, Action<string> preparing, CancellationToken cancellation)
    {
        var (status, body) = await Send(Posting("api/runs", run), cancellation);
        if (status != HttpStatusCode.Accepted) return (Read<RunJson>(body), false);
        var name = Read<PreparingRunJson>(body).Name;
        preparing(name);
        var deadline = DateTime.UtcNow + PreparationPatience;
        while (true)
        {
            await Task.Delay(PreparationPoll, cancellation);
            // A preparation that failed comes back as 422 with the reason: a ServerException.
            (status, body) = await Send(new HttpRequestMessage(HttpMethod.Get, $"api/runs/{Uri.EscapeDataString(name)}"), cancellation);
            if (status != HttpStatusCode.Accepted) return (Read<RunDetailJson>(body).Run, true);
            if (DateTime.UtcNow > deadline)
                throw new ServerException($"run '{name}' is still being prepared after {PreparationPatience.TotalMinutes:0} min; `metaloss runs --server {_server}` shows where it stands");
        }
    }

    private static HttpRequestMessage Posting(string path, object? body) =>
        new(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpRequestMessage request, CancellationToken cancellation)
    {
        using var _ = request;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(Patience);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, deadline.Token);
        }
        catch (HttpRequestException e)
        {
            throw new ServerException($"cannot reach the server {_server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new ServerException($"the server {_server} did not answer within {Patience.TotalSeconds:0} s");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new ServerException($"{request.Method} {_server}{request.RequestUri?.ToString().TrimStart('/')}: {await ErrorOf(response, cancellation)} (HTTP {(int)response.StatusCode})");
            try
            {
                using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(deadline.Token), cancellationToken: deadline.Token);
                return (response.StatusCode, json.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw NotTheApi(e);
            }
        }
    }

    private T Read<T>(JsonElement body)
    {
        try
        {
            return body.Deserialize<T>(Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw NotTheApi(e);
        }
    }

    private ServerException NotTheApi(JsonException e) =>
        new($"{_server} answered, but not with MetaLoss's API ({e.Message}); is --server the URL of `metaloss serve`?");

    private static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken cancellation)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<ErrorJson>(Json, cancellation))?.Error ?? response.ReasonPhrase ?? "";
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return response.ReasonPhrase ?? "no reason given";
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The server could not be reached or refused the request: the message is the one line the user sees (exit 2).</summary>
public sealed class ServerException(string message) : IOException(message);
