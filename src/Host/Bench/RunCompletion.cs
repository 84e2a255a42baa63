using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Bench;

/// <summary>Subscribes to a population's progress and completes a task when its run is finished; prints nothing.</summary>
public sealed class RunCompletion : ReceiveActor
{
    public RunCompletion(IActorRef population, TaskCompletionSource<RunStatus> finished)
    {
        Receive<RunStatus>(status =>
        {
            if (status.Finished) finished.TrySetResult(status);
        });
        population.Tell(SubscribeProgress.Instance);
    }

    public static Props Props(IActorRef population, TaskCompletionSource<RunStatus> finished) =>
        Akka.Actor.Props.Create(() => new RunCompletion(population, finished));
}
