using System.Threading.Channels;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MetaLoss.Host.Api;

/// <summary>/api/events: the Server-Sent Events stream of run states, finished generations and nodes.</summary>
public static class EventEndpoints
{
    /// <summary>A comment this often keeps proxies and browsers from closing a quiet stream.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", Stream).WithTags("events")
            .WithSummary("Server-Sent Events: `run` (RunJson; one per run on connect, then on every change), `generation` (GenerationJson with `run`), `node` ({node, joined})")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return api;
    }

    private static async Task Stream(HttpContext context, RunRegistryClient registry, IOptions<JsonOptions> json, CancellationToken cancellation)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Lets a reverse proxy (nginx) pass events on as they come instead of buffering them.
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellation);

        var events = EventSubscriber.NewChannel();
        var subscriber = registry.System.ActorOf(EventSubscriber.Props(registry.Registry, events.Writer, json.Value.SerializerOptions));
        try
        {
            await Relay(events.Reader, response, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (ChannelClosedException)
        {
            // The client fell behind: ending the stream makes it reconnect and start from every run's state.
        }
        finally
        {
            registry.System.Stop(subscriber);
        }
    }

    private static async Task Relay(ChannelReader<ServerEvent> events, HttpResponse response, CancellationToken cancellation)
    {
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            quiet.CancelAfter(KeepAlive);
            try
            {
                var next = await events.ReadAsync(quiet.Token);
                await response.WriteAsync(next.ToWire(), cancellation);
                while (events.TryRead(out var more)) await response.WriteAsync(more.ToWire(), cancellation);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                await response.WriteAsync(": keep-alive\n\n", cancellation);
            }
            await response.Body.FlushAsync(cancellation);
        }
    }
}
