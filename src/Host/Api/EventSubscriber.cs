using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Api;

/// <summary>
/// One SSE connection's subscription to the run registry: it turns pushes into events for the
/// connection's writer. A client that falls <see cref="Capacity"/> events behind is cut off (its
/// stream ends; reconnecting gets every run's state again) rather than silently missing events.
/// </summary>
public sealed class EventSubscriber : ReceiveActor
{
    public const int Capacity = 4096;

    private readonly IActorRef _registry;

    public EventSubscriber(IActorRef registry, ChannelWriter<ServerEvent> events, JsonSerializerOptions json)
    {
        _registry = registry;
        ReceiveAny(push =>
        {
            if (ServerEvent.From(push, json) is not { } serverEvent || events.TryWrite(serverEvent)) return;
            events.TryComplete(new ChannelClosedException("the client fell too far behind the event stream"));
            Context.Stop(Self);
        });
    }

    public static Props Props(IActorRef registry, ChannelWriter<ServerEvent> events, JsonSerializerOptions json) =>
        Akka.Actor.Props.Create(() => new EventSubscriber(registry, events, json));

    public static Channel<ServerEvent> NewChannel() =>
        Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });

    protected override void PreStart() => _registry.Tell(SubscribeService.Instance);
}
