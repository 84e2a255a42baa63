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

    /// <summary>How long an answer may take; a submission is answered once the server has prepared the run (seconds, more when busy).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan SubmitPatience = RunRegistryClient.SubmitTimeout + Patience;

    public Task<T> Get<T>(string path, CancellationToken cancellation) => Send<T>(new HttpRequestMessage(HttpMethod.Get, path), Patience, cancellation);

    /// <summary>The answer and whether it was 201 Created (rather than 200).</summary>
    public async Task<(T Answer, bool Created)> Post<T>(string path, object? body, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        var created = false;
        var answer = await Send<T>(request, body is null ? Patience : SubmitPatience, cancellation, status => created = status == HttpStatusCode.Created);
        return (answer, created);
    }

    private async Task<T> Send<T>(HttpRequestMessage request, TimeSpan patience, CancellationToken cancellation, Action<HttpStatusCode>? status = null)
    {
        using var _ = request;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(patience);
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
            throw new ServerException($"the server {_server} did not answer within {patience.TotalSeconds:0} s");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new ServerException($"{request.Method} {_server}{request.RequestUri?.ToString().TrimStart('/')}: {await ErrorOf(response, cancellation)} (HTTP {(int)response.StatusCode})");
            status?.Invoke(response.StatusCode);
            try
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, deadline.Token) ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                throw new ServerException($"{_server} answered, but not with MetaLoss's API ({e.Message}); is --server the URL of `metaloss serve`?");
            }
        }
    }

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
