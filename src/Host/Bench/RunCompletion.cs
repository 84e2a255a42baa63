using Akka.Actor;
using MetaLoss.Actors.Messages;

namespace MetaLoss.Host.Bench;

/// <summary>Subscribes to a population's progress and completes a task when its run is finished; prints nothing.</summary>
public sealed class RunCompletion : ReceiveActor
{
    public RunCompletion(IActorRef population, TaskCompletionSource<ProgressUpdate> finished)
    {
        Receive<ProgressUpdate>(progress =>
        {
            if (progress.Finished) finished.TrySetResult(progress);
        });
        population.Tell(SubscribeProgress.Instance);
    }

    public static Props Props(IActorRef population, TaskCompletionSource<ProgressUpdate> finished) =>
        Akka.Actor.Props.Create(() => new RunCompletion(population, finished));
}
