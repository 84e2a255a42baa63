using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Bench;

/// <summary>Subscribes to the run service and completes a task when the named run is finished; prints nothing.</summary>
public sealed class ServiceCompletion : ReceiveActor
{
    public ServiceCompletion(IActorRef registry, string run, TaskCompletionSource finished)
    {
        Receive<RunStateChanged>(changed =>
        {
            if (changed.Run.Name == run && changed.Run.State == RunLifecycle.Finished) finished.TrySetResult();
        });
        ReceiveAny(_ => { });
        registry.Tell(SubscribeService.Instance);
    }

    public static Props Props(IActorRef registry, string run, TaskCompletionSource finished) =>
        Akka.Actor.Props.Create(() => new ServiceCompletion(registry, run, finished));
}
