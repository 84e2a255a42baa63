using System.Collections.Concurrent;
using System.Text.Json;

namespace MetaLoss.Host.Tests.Service;

/// <summary>Reads a serve's /api/events in the background, keeping every event (type and JSON data) in arrival order.</summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string Type, JsonElement Data)> _events = new();
    private readonly Task _reading;

    private EventStreamReader(Stream stream) => _reading = Task.Run(() => Read(stream));

    public IReadOnlyList<(string Type, JsonElement Data)> Events => [.. _events];

    public int KeepAlives { get; private set; }

    public static async Task<EventStreamReader> Open(HttpClient http)
    {
        var response = await http.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStreamReader(await response.Content.ReadAsStreamAsync());
    }

    private async Task Read(Stream stream)
    {
        using var reader = new StreamReader(stream);
        string? type = null;
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith(": keep-alive")) KeepAlives++;
                else if (line.StartsWith("event: ")) type = line["event: ".Length..];
                else if (line.StartsWith("data: ") && type is not null)
                {
                    _events.Enqueue((type, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
                    type = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
